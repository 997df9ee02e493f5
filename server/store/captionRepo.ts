import type { CaptionLine } from '../../shared/captions.js';
import type { Db } from './db.js';

/** Stored caption lines (the transcript) and the ingest sequence numbers. */
export function createCaptionRepo(db: Db) {
  return {
    async lastSeq(sessionId: string): Promise<number> {
      const row = await db
        .selectFrom('caption_lines')
        .select((eb) => eb.fn.max('seq').as('max'))
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      return Number(row?.max ?? 0);
    },

    async insertLine(sessionId: string, line: CaptionLine): Promise<void> {
      await db
        .insertInto('caption_lines')
        .values({
          session_id: sessionId,
          seq: line.seq,
          lang: line.lang,
          speaker: line.speaker,
          text: line.text,
          started_at: line.startedAt,
          at: line.at,
        })
        .execute();
    },

    /** Lines after `afterSeq`, in order, at most `limit`. */
    async linesAfter(sessionId: string, afterSeq: number, limit: number): Promise<CaptionLine[]> {
      return db
        .selectFrom('caption_lines')
        .select(['seq', 'lang', 'speaker', 'text', 'started_at as startedAt', 'at'])
        .where('session_id', '=', sessionId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute();
    },

    async lastIngestSeq(inviteId: string): Promise<number | null> {
      const row = await db
        .selectFrom('caption_ingest')
        .select('last_seq')
        .where('invite_id', '=', inviteId)
        .executeTakeFirst();
      return row?.last_seq ?? null;
    },

    async setIngestSeq(inviteId: string, seq: number): Promise<void> {
      await db
        .insertInto('caption_ingest')
        .values({ invite_id: inviteId, last_seq: seq })
        .onConflict((oc) => oc.column('invite_id').doUpdateSet({ last_seq: seq }))
        .execute();
    },
  };
}

export type CaptionRepo = ReturnType<typeof createCaptionRepo>;
