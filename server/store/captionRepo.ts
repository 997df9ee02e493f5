import { REMARK_PREFIX, type CaptionLine } from '../../shared/captions.js';
import { pensOf, storePen } from '../captions/pen.js';
import { isEmptyTrack, type ReachableLine, type TrackState } from '../captions/track.js';
import { correctLine, LINE_COLUMNS, maxFix, toLine, type LineCorrection } from './captionLines.js';
import type { Db } from './db.js';
import { inTransaction } from './gate.js';

export type { LineCorrection };

/** The last line number of a session, 0 before its first line; in a transaction or not. */
async function maxSeq(db: Db, sessionId: string): Promise<number> {
  const row = await db
    .selectFrom('caption_lines')
    .select((eb) => eb.fn.max('seq').as('max'))
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** Everything one caption change stores; `saveChange` writes it in one transaction (C12). */
export interface CaptionChange {
  /** Committed lines, in order; numbered here, after the session's last stored line (C8). */
  lines: (Omit<CaptionLine, 'seq'> & { lineId?: string | null; breakAfter?: boolean })[];
  /** Committed lines written again, stored in place (C17, C18); before the new lines. */
  corrections?: LineCorrection[];
  /** A track's line in progress after the change (C11); an empty line removes its row. */
  track?: { lang: string; state: TrackState };
  /** The ingest seq accepted with this change (C9). */
  ingest?: { inviteId: string; seq: number };
  /** The captioner who holds the pen of a track after this change (A26, A27). */
  pen?: { lang: string; inviteId: string };
}

/** What a change stored: its new lines as numbered, and the lines whose text it changed. */
export interface SavedChange {
  lines: CaptionLine[];
  corrected: CaptionLine[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Stored caption lines (the transcript), the lines in progress and the ingest sequence numbers. */
export function createCaptionRepo(db: Db) {
  return {
    lastSeq: (sessionId: string) => maxSeq(db, sessionId),

    /**
     * Stores the lines, the line in progress and the accepted ingest seq of one change together or
     * not at all (C12), and returns the lines as numbered. The numbers are taken inside the
     * transaction, so a change that fails leaves no gap and a retry reuses them.
     */
    async saveChange(sessionId: string, change: CaptionChange): Promise<SavedChange> {
      return inTransaction(db, async (trx) => {
        const corrected: CaptionLine[] = [];
        for (const correction of change.corrections ?? []) {
          const line = await correctLine(trx, sessionId, correction);
          if (line) corrected.push(line);
        }
        let numbered: CaptionLine[] = [];
        if (change.lines.length > 0) {
          const after = await maxSeq(trx, sessionId);
          numbered = change.lines.map(({ lineId: _, breakAfter: __, ...line }, i) => ({
            seq: after + 1 + i,
            ...line,
          }));
          await trx
            .insertInto('caption_lines')
            .values(
              numbered.map((line, i) => ({
                session_id: sessionId,
                seq: line.seq,
                line_id: change.lines[i]!.lineId ?? null,
                break_after: change.lines[i]!.breakAfter ? 1 : 0,
                lang: line.lang,
                speaker: line.speaker,
                text: line.text,
                started_at: line.startedAt,
                at: line.at,
              })),
            )
            .execute();
        }
        if (change.track) {
          const { lang, state } = change.track;
          if (isEmptyTrack(state)) {
            await trx
              .deleteFrom('caption_tracks')
              .where('session_id', '=', sessionId)
              .where('lang', '=', lang)
              .execute();
          } else {
            const row = {
              speaker: state.speaker,
              text: state.text,
              started_at: iso(state.startedAt),
              changed_at: iso(state.changedAt),
              line_id: state.lineId,
              reopens: state.reopens ?? null,
            };
            await trx
              .insertInto('caption_tracks')
              .values({ session_id: sessionId, lang, ...row })
              .onConflict((oc) => oc.columns(['session_id', 'lang']).doUpdateSet(row))
              .execute();
          }
        }
        if (change.ingest) {
          const { inviteId, seq } = change.ingest;
          await trx
            .insertInto('caption_ingest')
            .values({ invite_id: inviteId, last_seq: seq })
            .onConflict((oc) => oc.column('invite_id').doUpdateSet({ last_seq: seq }))
            .execute();
        }
        if (change.pen) {
          const { lang, inviteId } = change.pen;
          const row = await trx
            .selectFrom('sessions')
            .select('caption_pens')
            .where('id', '=', sessionId)
            .executeTakeFirst();
          await trx
            .updateTable('sessions')
            .set({ caption_pens: storePen(row?.caption_pens ?? null, lang, inviteId) })
            .where('id', '=', sessionId)
            .execute();
        }
        return { lines: numbered, corrected };
      });
    },

    /** A track's stored line in progress, or undefined when it is empty. */
    async getTrack(sessionId: string, lang: string): Promise<TrackState | undefined> {
      const row = await db
        .selectFrom('caption_tracks')
        .select(['speaker', 'text', 'started_at', 'changed_at', 'line_id', 'reopens'])
        .where('session_id', '=', sessionId)
        .where('lang', '=', lang)
        .executeTakeFirst();
      return row && toState(row);
    },

    /** Whether a line of this console id is committed already (C14). */
    async lineCommitted(sessionId: string, lineId: string): Promise<boolean> {
      const row = await db
        .selectFrom('caption_lines')
        .select('seq')
        .where('session_id', '=', sessionId)
        .where('line_id', '=', lineId)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** A29: the invite of the captioner holding the pen of a track, or null while nobody does. */
    async penHolder(sessionId: string, lang: string): Promise<string | null> {
      const row = await db
        .selectFrom('sessions')
        .select('caption_pens')
        .where('id', '=', sessionId)
        .executeTakeFirst();
      return pensOf(row?.caption_pens ?? null)[lang] ?? null;
    },

    /** Every stored line in progress (only tracks with text have a row): few, and read rarely. */
    async storedTracks(): Promise<{ sessionId: string; lang: string }[]> {
      return db
        .selectFrom('caption_tracks')
        .select(['session_id as sessionId', 'lang'])
        .orderBy('session_id')
        .orderBy('lang')
        .execute();
    },

    /** Lines in progress not changed since `iso`: the ones due for an idle commit (C5). */
    async tracksUnchangedSince(iso: string): Promise<{ sessionId: string; lang: string }[]> {
      return db
        .selectFrom('caption_tracks')
        .select(['session_id as sessionId', 'lang'])
        .where('changed_at', '<=', iso)
        .orderBy('session_id')
        .orderBy('lang')
        .execute();
    },

    /** Lines after `afterSeq`, in order, at most `limit`, as corrected (C19). */
    async linesAfter(sessionId: string, afterSeq: number, limit: number): Promise<CaptionLine[]> {
      const rows = await db
        .selectFrom('caption_lines')
        .select(LINE_COLUMNS)
        .where('session_id', '=', sessionId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map(toLine);
    },

    /** One committed line, as corrected, or undefined. */
    async line(sessionId: string, seq: number): Promise<CaptionLine | undefined> {
      const row = await db
        .selectFrom('caption_lines')
        .select(LINE_COLUMNS)
        .where('session_id', '=', sessionId)
        .where('seq', '=', seq)
        .executeTakeFirst();
      return row && toLine(row);
    },

    /** C19: lines up to `upToSeq` corrected after the `afterFix`th correction, in their order. */
    async correctedAfter(sessionId: string, afterFix: number, upToSeq: number, limit: number) {
      const rows = await db
        .selectFrom('caption_lines')
        .select(LINE_COLUMNS)
        .where('session_id', '=', sessionId)
        .where('fix', '>', afterFix)
        .where('seq', '<=', upToSeq)
        .orderBy('fix')
        .limit(limit)
        .execute();
      return rows.map(toLine);
    },

    lastFix: (sessionId: string) => maxFix(db, sessionId),

    /**
     * C16: the track's last committed line with text that is not a written remark (C10): the one
     * backspaces from captioning software reach back into.
     */
    async reachableLine(sessionId: string, lang: string): Promise<ReachableLine | null> {
      const row = await db
        .selectFrom('caption_lines')
        .select(['seq', 'text', 'speaker', 'started_at', 'break_after'])
        .where('session_id', '=', sessionId)
        .where('lang', '=', lang)
        .where('text', '!=', '')
        .where('text', 'not like', `${REMARK_PREFIX}%`)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row) return null;
      const { started_at, break_after, ...line } = row;
      return { ...line, startedAt: Date.parse(started_at), breakAfter: break_after === 1 };
    },

    async lastIngestSeq(inviteId: string): Promise<number | null> {
      const row = await db
        .selectFrom('caption_ingest')
        .select('last_seq')
        .where('invite_id', '=', inviteId)
        .executeTakeFirst();
      return row?.last_seq ?? null;
    },
  };
}

function toState(row: {
  speaker: string;
  text: string;
  started_at: string;
  changed_at: string;
  line_id: string | null;
  reopens: number | null;
}): TrackState {
  return {
    text: row.text,
    speaker: row.speaker,
    startedAt: Date.parse(row.started_at),
    changedAt: Date.parse(row.changed_at),
    lineId: row.line_id,
    ...(row.reopens === null ? {} : { reopens: row.reopens }),
  };
}

export type CaptionRepo = ReturnType<typeof createCaptionRepo>;
