import { performance } from 'node:perf_hooks';
import { CAPTION_IDLE_COMMIT_MS, type CaptionLine, type CaptionPartial } from '../../shared/captions.js';
import { createKeyedSerial } from '../lib/keyedSerial.js';
import type { CaptionChange, CaptionRepo } from '../store/captionRepo.js';
import { applyStream, emptyTrack, type StreamCommand, type TrackState } from './stream.js';

export interface CaptionServiceDeps {
  repo: CaptionRepo;
  nowMs: () => number;
  onLine: (sessionId: string, line: CaptionLine) => void;
  onPartial: (sessionId: string, partial: CaptionPartial) => void;
  /** After onLine/onPartial for a captioner's change: its `performance.now()` on arrival (metrics). */
  onDelivered?: (kind: 'line' | 'partial', receivedAt: number) => void;
}

export type IngestOutcome = 'accepted' | 'duplicate';

const iso = (ms: number) => new Date(ms).toISOString();

/** Whether storing `next` in place of `before` would store nothing new (an empty line has no row). */
const unchanged = (before: TrackState, next: TrackState) =>
  before === next || (before.text === '' && next.text === '');

/**
 * The edge around the caption stream: one change at a time per session, each stored whole in one
 * transaction (C12) before it is acknowledged or sent (C11), so a reconnecting viewer can ask for
 * exactly what it missed (C8) and nothing acknowledged to a captioner is lost. The store is the
 * truth; memory holds only the lines in progress that are not empty, to save reads.
 */
export function createCaptionService(deps: CaptionServiceDeps) {
  const serialized = createKeyedSerial();
  /** Lines in progress with text, by session, then language. */
  const live = new Map<string, Map<string, TrackState>>();
  /** When the store was last asked for lines in progress memory does not hold (after a restart). */
  let sweptAt = -Infinity;

  function remember(sessionId: string, lang: string, state: TrackState) {
    const tracks = live.get(sessionId);
    if (state.text === '') {
      tracks?.delete(lang);
      if (tracks?.size === 0) live.delete(sessionId);
    } else if (tracks) tracks.set(lang, state);
    else live.set(sessionId, new Map([[lang, state]]));
  }

  /** The line in progress: from memory, else from the store (after a restart or `forget`). */
  async function load(sessionId: string, lang: string): Promise<TrackState> {
    const held = live.get(sessionId)?.get(lang);
    if (held) return held;
    const stored = await deps.repo.getTrack(sessionId, lang);
    if (!stored) return emptyTrack();
    remember(sessionId, lang, stored);
    return stored;
  }

  /** Stores the change, then (and only then) keeps it in memory and tells the room. */
  async function save(
    sessionId: string,
    change: CaptionChange,
    partialChanged: boolean,
    receivedAt?: number,
  ) {
    const numbered = await deps.repo.saveChange(sessionId, change);
    if (change.track) remember(sessionId, change.track.lang, change.track.state);
    for (const line of numbered) {
      deps.onLine(sessionId, line);
      if (receivedAt !== undefined) deps.onDelivered?.('line', receivedAt);
    }
    if (change.track && partialChanged) {
      const { lang, state } = change.track;
      deps.onPartial(sessionId, { lang, speaker: state.speaker, text: state.text, at: iso(deps.nowMs()) });
      if (receivedAt !== undefined) deps.onDelivered?.('partial', receivedAt);
    }
  }

  async function apply(
    sessionId: string,
    lang: string,
    command: StreamCommand,
    ingest?: CaptionChange['ingest'],
    receivedAt?: number,
  ) {
    const before = await load(sessionId, lang);
    const now = deps.nowMs();
    const result = applyStream(before, command, now);
    if (!ingest && result.committed.length === 0 && unchanged(before, result.state)) return;
    const at = iso(now);
    const lines = result.committed.map(({ text, speaker, startedAt }) => ({
      lang,
      speaker,
      text,
      startedAt: iso(startedAt),
      at,
    }));
    const change = { lines, track: { lang, state: result.state }, ingest };
    await save(sessionId, change, result.partialChanged, receivedAt);
  }

  /** C5 for one line in progress; a failure is kept for the end, so it stops no other track. */
  async function idleCommit(sessionId: string, lang: string, failures: unknown[]) {
    await serialized(sessionId, () => apply(sessionId, lang, { type: 'tick' })).catch((err: unknown) => {
      failures.push(err);
    });
  }

  /** C5 after a restart, or a `forget`: lines in progress the store holds and memory does not. */
  async function sweep(now: number, failures: unknown[]) {
    if (now >= sweptAt && now - sweptAt < CAPTION_IDLE_COMMIT_MS) return;
    sweptAt = now;
    for (const { sessionId, lang } of await deps.repo.storedTracks()) {
      if (!live.get(sessionId)?.has(lang)) await idleCommit(sessionId, lang, failures);
    }
  }

  return {
    /** A change from the captioner's console; resolves once it is stored (C11). */
    apply: (sessionId: string, lang: string, command: StreamCommand) => {
      const receivedAt = performance.now();
      return serialized(sessionId, () => apply(sessionId, lang, command, undefined, receivedAt));
    },

    /** A POST from captioning software: applied once per seq (C9), with its seq in one write (C12). */
    ingest(sessionId: string, inviteId: string, seq: number, lang: string, text: string, speaker: string) {
      const receivedAt = performance.now();
      return serialized(sessionId, async (): Promise<IngestOutcome> => {
        const last = await deps.repo.lastIngestSeq(inviteId);
        if (last !== null && seq <= last) return 'duplicate';
        await apply(sessionId, lang, { type: 'append', text, speaker }, { inviteId, seq }, receivedAt);
        return 'accepted';
      });
    },

    /**
     * C10: a line that was not captioned (a written remark given the floor) enters the stream and
     * the transcript as it is, beside the line in progress, which it leaves alone.
     */
    record: (sessionId: string, lang: string, speaker: string, text: string) =>
      serialized(sessionId, () => {
        const at = iso(deps.nowMs());
        return save(sessionId, { lines: [{ lang, speaker, text, startedAt: at, at }] }, false);
      }),

    lastIngestSeq: (inviteId: string) => deps.repo.lastIngestSeq(inviteId),
    lastSeq: (sessionId: string) => deps.repo.lastSeq(sessionId),
    linesAfter: (sessionId: string, afterSeq: number, limit: number) =>
      deps.repo.linesAfter(sessionId, afterSeq, limit),

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
      serialized(sessionId, () => {
        live.delete(sessionId);
        return Promise.resolve();
      }),
  };
}

export type CaptionService = ReturnType<typeof createCaptionService>;
