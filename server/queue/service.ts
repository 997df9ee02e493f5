import type { Logger } from 'pino';
import type { QueueSnapshot, QueueState } from '../../shared/queue.js';
import { createKeyedSerial } from '../lib/keyedSerial.js';
import type { MediaEffects } from '../livekit/effects.js';
import type { Repo } from '../store/repo.js';
import {
  applyQueue,
  initialQueue,
  type QueueCommand,
  type QueueEffect,
  type QueueResult,
} from './machine.js';

export interface QueueServiceDeps {
  repo: Repo;
  /** Where grants go to LiveKit; null without a media server. */
  media: MediaEffects | null;
  log: Logger;
  nowMs: () => number;
  /** Who is connected to the session now, by invite id (Q15). */
  presentIds: (sessionId: string) => ReadonlySet<string>;
  /** Called after every change that was stored, to tell the room. */
  onChange: (sessionId: string, snapshot: QueueSnapshot, floorChanged: boolean) => void;
}

/**
 * The edge around the queue machine: one command at a time per session, validate-apply-persist-emit.
 * LiveKit effects are handed to the media effects after that (K6): the queue never waits for media.
 * The stored state is the truth; the cache only saves reads, and holds open sessions only.
 */
export function createQueueService(deps: QueueServiceDeps) {
  const cache = new Map<string, QueueState>();
  // Commands on one session run one after another, so every client sees one order.
  const serialized = createKeyedSerial();

  // A read outside the session's order (a snapshot) may finish after a command stored a newer
  // state: the newer revision stays.
  function remember(sessionId: string, state: QueueState): QueueState {
    const cached = cache.get(sessionId);
    if (cached && cached.revision >= state.revision) return cached;
    cache.set(sessionId, state);
    return state;
  }

  async function load(sessionId: string): Promise<QueueState> {
    const cached = cache.get(sessionId);
    if (cached) return cached;
    return remember(sessionId, (await deps.repo.getQueue(sessionId)) ?? initialQueue());
  }

  function carryOut(sessionId: string, effects: QueueEffect[]) {
    for (const effect of effects) {
      if (effect.type !== 'grant-publish' && effect.type !== 'revoke-publish') continue;
      deps.media?.setPublishing(sessionId, effect.participantId, effect.type === 'grant-publish');
    }
  }

  function apply(sessionId: string, command: QueueCommand): Promise<QueueResult> {
    return serialized(sessionId, async () => {
      const before = await load(sessionId);
      const now = deps.nowMs();
      const result = applyQueue(before, command, now);
      if (!result.ok || result.state === before) return result;
      const state = { ...result.state, revision: before.revision + 1 };
      await deps.repo.saveQueue(sessionId, state, new Date(now));
      cache.set(sessionId, state);
      const floorChanged = before.floor?.participantId !== state.floor?.participantId;
      deps.onChange(sessionId, snapshotOf(sessionId, state), floorChanged);
      carryOut(sessionId, result.effects);
      return result;
    });
  }

  function snapshotOf(sessionId: string, state: QueueState): QueueSnapshot {
    const present = deps.presentIds(sessionId);
    const absent = state.entries.map((e) => e.participantId).filter((id) => !present.has(id));
    return { ...state, serverNow: deps.nowMs(), absent };
  }

  return {
    snapshot: async (sessionId: string) => snapshotOf(sessionId, await load(sessionId)),
    /**
     * Q15: someone came into the room or left it. If they are in the queue, everyone is sent the
     * queue again with who is here; the state itself (and its revision) does not change.
     */
    presenceChanged: (sessionId: string, participantId: string) =>
      serialized(sessionId, async () => {
        const state = await load(sessionId);
        if (state.entries.some((e) => e.participantId === participantId))
          deps.onChange(sessionId, snapshotOf(sessionId, state), false);
      }),
    /** The participant who holds the floor for a speaking turn, if any. */
    speakingHolder: async (sessionId: string) => {
      const floor = (await load(sessionId)).floor;
      return floor?.kind === 'speak' ? floor.participantId : null;
    },
    apply,
    /**
     * Q14: one tick of the turn timer for every session whose turn runs, found in the store, so a
     * deadline is enforced after a restart even if nobody has come back to the room.
     */
    async tick(): Promise<void> {
      const sessions = await deps.repo.sessionsWithRunningTimer();
      await Promise.all(
        sessions.map((sessionId) =>
          apply(sessionId, { type: 'tick' }).catch((err: unknown) =>
            deps.log.error({ err, sessionId }, 'the turn timer could not tick'),
          ),
        ),
      );
    },
    /** Drops what is held in memory for a session (it ended, or nobody is connected to it). */
    forget(sessionId: string) {
      cache.delete(sessionId);
    },
  };
}

export type QueueService = ReturnType<typeof createQueueService>;
