import { performance } from 'node:perf_hooks';
import { REASONS, type Ack, type Reason } from '../../shared/protocol.js';
import { decidePen } from '../policy/policy.js';
import type { CaptionChange, CaptionRepo } from '../store/captionRepo.js';
import type { Db } from '../store/db.js';
import type { Held, SessionGate } from '../store/gate.js';
import { cleanCaption, type StreamCommand, type TrackState } from './stream.js';

export type IngestOutcome = 'accepted' | 'duplicate';

/** A change refused: nothing of it was stored or sent. */
export interface Refusal {
  ok: false;
  reason: Reason;
  message: string;
}

/** What a change stores besides its track: the ingest seq it accepts (C9), the pen it takes (A26). */
export interface ChangeExtras {
  ingest?: CaptionChange['ingest'];
  pen?: CaptionChange['pen'];
  /** `performance.now()` when the change arrived (metrics). */
  receivedAt?: number;
}

/** The caption service's own parts that the writers' commands run on (service.ts). */
export interface CaptionCore {
  gate: SessionGate;
  captionsIn: (db: Db) => CaptionRepo;
  load: (db: Db, sessionId: string, lang: string) => Promise<TrackState>;
  save: (held: Held, sessionId: string, change: CaptionChange, partialChanged: boolean) => Promise<void>;
  apply: (
    held: Held,
    sessionId: string,
    lang: string,
    command: StreamCommand,
    extras?: ChangeExtras,
  ) => Promise<void>;
}

const OK = { ok: true as const };
const refuse = (reason: Reason, message: string): Refusal => ({ ok: false, reason, message });
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * What captioners do, each a change inside the session's lock that first asks who holds the pen
 * (A26): write at the console or through the ingest, correct a committed line (C18), take over (A27).
 */
export function createWriters(core: CaptionCore) {
  const { gate, captionsIn } = core;

  /** A26 for a track, inside the lock: refused, or the pen the change takes (none if held already). */
  async function penFor(held: Held, sessionId: string, lang: string, writer: string) {
    const decision = decidePen(writer, await captionsIn(held.db).penHolder(sessionId, lang));
    if (!decision.ok) return refuse(decision.reason, decision.message);
    return decision.takes ? { pen: { lang, inviteId: writer } } : {};
  }

  return {
    /** A change from `writer`'s console (C3, C4, C14); resolves once it is stored (C11). */
    write: (sessionId: string, writer: string, lang: string, command: StreamCommand) => {
      const receivedAt = performance.now();
      return gate.run(sessionId, async (held): Promise<Ack> => {
        const pen = await penFor(held, sessionId, lang, writer);
        if ('ok' in pen) return pen;
        await core.apply(held, sessionId, lang, command, { ...pen, receivedAt });
        return OK;
      });
    },

    /**
     * A POST from captioning software through `writer`'s link: applied once per seq (C9), with its
     * seq in one write (C12); a seq accepted before answers as a duplicate, whoever holds the pen now.
     */
    ingest(sessionId: string, writer: string, seq: number, lang: string, text: string, speaker: string) {
      const receivedAt = performance.now();
      return gate.run(sessionId, async (held): Promise<IngestOutcome | Refusal> => {
        const last = await captionsIn(held.db).lastIngestSeq(writer);
        if (last !== null && seq <= last) return 'duplicate';
        const pen = await penFor(held, sessionId, lang, writer);
        if ('ok' in pen) return pen;
        const ingest = { inviteId: writer, seq };
        await core.apply(
          held,
          sessionId,
          lang,
          { type: 'append', text, speaker },
          { ingest, ...pen, receivedAt },
        );
        return 'accepted';
      });
    },

    /** C18: `writer` corrects the committed line `seq`; the speaker stays unless given. */
    correct: (sessionId: string, writer: string, seq: number, text: string, speaker?: string) =>
      gate.run(sessionId, async (held): Promise<Ack> => {
        const line = await captionsIn(held.db).line(sessionId, seq);
        if (!line) return refuse(REASONS.notFound, 'There is no caption line to correct with that number.');
        const pen = await penFor(held, sessionId, line.lang, writer);
        if ('ok' in pen) return pen;
        const track = await core.load(held.db, sessionId, line.lang);
        if (track.reopens === seq) {
          return refuse(
            REASONS.wrongState,
            'Your captioning software is rewriting that line; correct it once it is committed.',
          );
        }
        const clean = cleanCaption(text)
          .replace(/[\r\n]+/g, ' ')
          .trim();
        if (!clean) return refuse(REASONS.invalidPayload, 'A corrected line cannot be empty.');
        const correction = { seq, text: clean, speaker: speaker ?? line.speaker, at: iso(held.nowMs) };
        await core.save(held, sessionId, { lines: [], corrections: [correction], ...pen }, false);
        return OK;
      }),

    /**
     * A27: "Take over" the pen of a track. Its line in progress is committed first (a reopened line
     * as its correction, C17), so the previous writer's words and the next writer's never share a
     * line; then the pen moves, stored (A29) and told to the room.
     */
    takePen: (sessionId: string, writer: string, lang: string) =>
      gate.run(sessionId, async (held): Promise<Ack> => {
        if ((await captionsIn(held.db).penHolder(sessionId, lang)) === writer) return OK;
        await core.apply(held, sessionId, lang, { type: 'commit' }, { pen: { lang, inviteId: writer } });
        return OK;
      }),
  };
}
