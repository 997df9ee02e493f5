import { CAPTION_IDLE_COMMIT_MS, type CaptionLine, type CaptionPartial } from '../../shared/captions.js';
import { createCaptionRepo, type CaptionChange, type CaptionRepo } from '../store/captionRepo.js';
import type { Db } from '../store/db.js';
import type { Held, SessionGate } from '../store/gate.js';
import { applyStream, emptyTrack, isEmptyTrack, type StreamCommand, type TrackState } from './stream.js';
import { createWriters, type ChangeExtras } from './writers.js';

export type { IngestOutcome } from './writers.js';

export interface CaptionServiceDeps {
  /** The store, for reads outside a change. */
  db: Db;
  /** Where every change to a session's captions runs: one at a time per session, on every node. */
  gate: SessionGate;
  /** The caption queries on a store or a transaction (tests count them); the store's by default. */
  captionsIn?: (db: Db) => CaptionRepo;
  nowMs: () => number;
  onLine: (sessionId: string, line: CaptionLine) => void;
  onPartial: (sessionId: string, partial: CaptionPartial) => void;
  /** A committed line was written again (C17, C18): pages replace it in place. */
  onCorrected: (sessionId: string, line: CaptionLine) => void;
  /** The pen of a track moved to a captioner (A26, A27): the room hears it in its state. */
  onPen?: (sessionId: string, pen: { lang: string; inviteId: string }) => void;
  /** After onLine/onPartial for a captioner's change: its `performance.now()` on arrival (metrics). */
  onDelivered?: (kind: 'line' | 'partial', receivedAt: number) => void;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Whether storing `next` in place of `before` would store nothing new (an empty line has no row). */
const unchanged = (before: TrackState, next: TrackState) =>
  before === next || (isEmptyTrack(before) && isEmptyTrack(next));

/** The line in progress as viewers see it (C16: in the place of the line it reopens). */
function partialOf(lang: string, state: TrackState, at: string): CaptionPartial {
  const { speaker, text, reopens } = state;
  return { lang, speaker, text, at, ...(reopens === undefined ? {} : { reopens }) };
}

/**
 * The edge around the caption stream: one change at a time per session (the gate), each stored
 * whole in one transaction (C12) before it is acknowledged or sent (C11), so a reconnecting viewer
 * can ask for exactly what it missed (C8) and nothing acknowledged to a captioner is lost. The store
 * is the truth; the only node keeps the lines in progress that are not empty in memory, to save
 * reads; a node of several reads them from the store inside the session's lock.
 */
export function createCaptionService(deps: CaptionServiceDeps) {
  const { gate } = deps;
  const queriesOn = deps.captionsIn ?? createCaptionRepo;
  // The store's own queries are made once; a transaction (a change on a node of several) gets its own.
  const onStore = queriesOn(deps.db);
  const captionsIn = (db: Db) => (db === deps.db ? onStore : queriesOn(db));
  /** Lines in progress with text, by session, then language (the only node only). */
  const live = new Map<string, Map<string, TrackState>>();
  /** When the store was last asked for lines in progress memory does not hold (after a restart). */
  let sweptAt = -Infinity;

  function remember(sessionId: string, lang: string, state: TrackState) {
    if (gate.shared) return;
    const tracks = live.get(sessionId);
    if (isEmptyTrack(state)) {
      tracks?.delete(lang);
      if (tracks?.size === 0) live.delete(sessionId);
    } else if (tracks) tracks.set(lang, state);
    else live.set(sessionId, new Map([[lang, state]]));
  }

  /** The line in progress: from memory, else from the store (after a restart or `forget`). */
  async function load(db: Db, sessionId: string, lang: string): Promise<TrackState> {
    const held = live.get(sessionId)?.get(lang);
    if (held) return held;
    const stored = await captionsIn(db).getTrack(sessionId, lang);
    if (!stored) return emptyTrack();
    remember(sessionId, lang, stored);
    return stored;
  }

  /** Stores the change; once it is committed, keeps it in memory and tells the room. */
  async function save(
    held: Held,
    sessionId: string,
    change: CaptionChange,
    partialChanged: boolean,
    receivedAt?: number,
  ) {
    const saved = await captionsIn(held.db).saveChange(sessionId, change);
    held.afterCommit(() => {
      if (change.track) remember(sessionId, change.track.lang, change.track.state);
      for (const line of saved.corrected) deps.onCorrected(sessionId, line);
      for (const line of saved.lines) {
        deps.onLine(sessionId, line);
        if (receivedAt !== undefined) deps.onDelivered?.('line', receivedAt);
      }
      if (change.track && partialChanged) {
        const { lang, state } = change.track;
        deps.onPartial(sessionId, partialOf(lang, state, iso(held.nowMs)));
        if (receivedAt !== undefined) deps.onDelivered?.('partial', receivedAt);
      }
      if (change.pen) deps.onPen?.(sessionId, change.pen);
    });
  }

  /** Applies a command to a track and stores what it changed; an ingest seq or a pen always is. */
  async function apply(
    held: Held,
    sessionId: string,
    lang: string,
    command: StreamCommand,
    { ingest, pen, receivedAt }: ChangeExtras = {},
  ) {
    // C14: a change to a line of the console that is committed already came late (through a node
    // that hung, or again): it changes nothing.
    if (command.type === 'replace' && command.lineId) {
      if (await captionsIn(held.db).lineCommitted(sessionId, command.lineId)) return;
    }
    const before = await load(held.db, sessionId, lang);
    const now = held.nowMs;
    // C16: backspaces may reach back into the track's last committed line; it is read only for them.
    if (command.type === 'append' && command.text.includes('\u0008')) {
      command = { ...command, last: await captionsIn(held.db).reachableLine(sessionId, lang) };
    }
    const result = applyStream(before, command, now);
    const { committed, corrected } = result;
    const news = ingest || pen || committed.length || corrected.length;
    if (!news && unchanged(before, result.state)) return;
    const at = iso(now);
    const lines = committed.map(({ text, speaker, startedAt, lineId, breakAfter }) => ({
      lang,
      speaker,
      text,
      startedAt: iso(startedAt),
      at,
      lineId,
      breakAfter,
    }));
    const corrections = corrected.map((c) => ({ ...c, at }));
    const change = { lines, corrections, track: { lang, state: result.state }, ingest, pen };
    await save(held, sessionId, change, result.partialChanged, receivedAt);
  }

  /** C5 for one line in progress; a failure is kept for the end, so it stops no other track. */
  async function idleCommit(sessionId: string, lang: string, failures: unknown[]) {
    await gate
      .run(sessionId, (held) => apply(held, sessionId, lang, { type: 'tick' }))
      .catch((err: unknown) => {
        failures.push(err);
      });
  }

  /**
   * C5 for lines in progress memory does not hold: after a restart or a `forget` on the only
   * node, every CAPTION_IDLE_COMMIT_MS; on a node of several, every tick, since any node may have
   * written them. Each is checked again inside the session's lock, so one node commits it.
   */
  async function sweep(now: number, failures: unknown[]) {
    if (!gate.shared && now >= sweptAt && now - sweptAt < CAPTION_IDLE_COMMIT_MS) return;
    sweptAt = now;
    const stored = gate.shared
      ? await captionsIn(deps.db).tracksUnchangedSince(iso(now - CAPTION_IDLE_COMMIT_MS))
      : await captionsIn(deps.db).storedTracks();
    for (const { sessionId, lang } of stored) {
      if (!live.get(sessionId)?.has(lang)) await idleCommit(sessionId, lang, failures);
    }
  }

  return {
    ...createWriters({ gate, captionsIn, load, save, apply }),

    /**
     * C10: a line that was not captioned (a written remark given the floor) enters the stream and
     * the transcript as it is, beside the line in progress, which it leaves alone.
     */
    record: (sessionId: string, lang: string, speaker: string, text: string) =>
      gate.run(sessionId, (held) => {
        const at = iso(held.nowMs);
        return save(held, sessionId, { lines: [{ lang, speaker, text, startedAt: at, at }] }, false);
      }),

    lastIngestSeq: (inviteId: string) => captionsIn(deps.db).lastIngestSeq(inviteId),
    lastSeq: (sessionId: string) => captionsIn(deps.db).lastSeq(sessionId),
    lastFix: (sessionId: string) => captionsIn(deps.db).lastFix(sessionId),
    correctedAfter: (sessionId: string, afterFix: number, upToSeq: number, limit: number) =>
      captionsIn(deps.db).correctedAfter(sessionId, afterFix, upToSeq, limit),
    linesAfter: (sessionId: string, afterSeq: number, limit: number) =>
      captionsIn(deps.db).linesAfter(sessionId, afterSeq, limit),

    /**
     * C5: commits lines left alone too long. Called by a timer. Lines in progress held in memory
     * are checked every call; the store is asked every CAPTION_IDLE_COMMIT_MS for the ones memory
     * does not hold (stored before a restart, or dropped by `forget`), so they are committed too.
     * The caller runs one tick at a time (the app's timer does not stack them).
     */
    async tick(): Promise<void> {
      const now = deps.nowMs();
      const failures: unknown[] = [];
      const due: [string, string][] = [];
      for (const [sessionId, tracks] of live) {
        for (const [lang, state] of tracks) {
          if (now - state.changedAt >= CAPTION_IDLE_COMMIT_MS) due.push([sessionId, lang]);
        }
      }
      for (const [sessionId, lang] of due) await idleCommit(sessionId, lang, failures);
      await sweep(now, failures);
      if (failures.length > 0) throw failures[0];
    },

    /**
     * Drops what memory holds for a session (when it ends or empties). Nothing is lost: the store
     * keeps its lines in progress, and the next change, or the idle commit, reads them back.
     */
    forget: (sessionId: string) =>
      gate.run(sessionId, () => {
        live.delete(sessionId);
        return Promise.resolve();
      }),
  };
}

export type CaptionService = ReturnType<typeof createCaptionService>;
