import type { CaptionLine, CaptionPartial } from '../../shared/captions.js';
import { createKeyedSerial } from '../lib/keyedSerial.js';
import type { CaptionRepo } from '../store/captionRepo.js';
import { applyStream, emptyTrack, type StreamCommand, type TrackState } from './stream.js';

export interface CaptionServiceDeps {
  repo: CaptionRepo;
  nowMs: () => number;
  onLine: (sessionId: string, line: CaptionLine) => void;
  onPartial: (sessionId: string, partial: CaptionPartial) => void;
}

export type IngestOutcome = 'accepted' | 'duplicate';

/**
 * The edge around the caption stream: one change at a time per session, lines numbered and stored
 * before they are sent, so a reconnecting viewer can ask for exactly what it missed (C8).
 */
export function createCaptionService(deps: CaptionServiceDeps) {
  const serialized = createKeyedSerial();
  const tracks = new Map<string, { sessionId: string; lang: string; state: TrackState }>();
  const seqs = new Map<string, number>();

  async function nextSeq(sessionId: string): Promise<number> {
    const seq = (seqs.get(sessionId) ?? (await deps.repo.lastSeq(sessionId))) + 1;
    seqs.set(sessionId, seq);
    return seq;
  }

  async function commitLine(sessionId: string, lang: string, line: Omit<CaptionLine, 'seq' | 'lang'>) {
    const numbered: CaptionLine = { seq: await nextSeq(sessionId), lang, ...line };
    await deps.repo.insertLine(sessionId, numbered);
    deps.onLine(sessionId, numbered);
  }

  async function apply(sessionId: string, lang: string, command: StreamCommand) {
    const key = `${sessionId} ${lang}`;
    const track = tracks.get(key) ?? { sessionId, lang, state: emptyTrack() };
    const now = deps.nowMs();
    const result = applyStream(track.state, command, now);
    tracks.set(key, { ...track, state: result.state });
    const at = new Date(now).toISOString();
    for (const { text, speaker, startedAt } of result.committed) {
      await commitLine(sessionId, lang, { speaker, text, startedAt: new Date(startedAt).toISOString(), at });
    }
    if (result.partialChanged) {
      const { speaker, text } = result.state;
      deps.onPartial(sessionId, { lang, speaker, text, at: new Date(deps.nowMs()).toISOString() });
    }
  }

  return {
    /** A change from the captioner's console. */
    apply: (sessionId: string, lang: string, command: StreamCommand) =>
      serialized(sessionId, () => apply(sessionId, lang, command)),

    /** A POST from captioning software: applied once per seq (C9). */
    ingest(sessionId: string, inviteId: string, seq: number, lang: string, text: string, speaker: string) {
      return serialized(sessionId, async (): Promise<IngestOutcome> => {
        const last = await deps.repo.lastIngestSeq(inviteId);
        if (last !== null && seq <= last) return 'duplicate';
        await apply(sessionId, lang, { type: 'append', text, speaker });
        await deps.repo.setIngestSeq(inviteId, seq);
        return 'accepted';
      });
    },

    /**
     * C10: a line that was not captioned (a written remark given the floor) enters the stream and
     * the transcript as it is, beside the line in progress, which it leaves alone.
     */
    record: (sessionId: string, lang: string, speaker: string, text: string) =>
      serialized(sessionId, () => {
        const at = new Date(deps.nowMs()).toISOString();
        return commitLine(sessionId, lang, { speaker, text, startedAt: at, at });
      }),

    lastIngestSeq: (inviteId: string) => deps.repo.lastIngestSeq(inviteId),
    lastSeq: (sessionId: string) => deps.repo.lastSeq(sessionId),
    linesAfter: (sessionId: string, afterSeq: number, limit: number) =>
      deps.repo.linesAfter(sessionId, afterSeq, limit),

    /** C5: commits lines left alone too long. Called by a timer. */
    async tick(): Promise<void> {
      for (const { sessionId, lang, state } of tracks.values()) {
        if (state.text) await serialized(sessionId, () => apply(sessionId, lang, { type: 'tick' }));
      }
    },
  };
}

export type CaptionService = ReturnType<typeof createCaptionService>;
