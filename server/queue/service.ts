import type { Logger } from 'pino';
import type { QueueSnapshot, QueueState } from '../../shared/queue.js';
import { createKeyedSerial } from '../lib/keyedSerial.js';
import type { MediaService } from '../livekit/media.js';
import { setPublishing } from '../livekit/permissions.js';
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
  media: MediaService | null;
  log: Logger;
  nowMs: () => number;
  /** Called after every change that was stored, to tell the room. */
  onChange: (sessionId: string, snapshot: QueueSnapshot, floorChanged: boolean) => void;
}

/**
 * The edge around the queue machine: one command at a time per session, validate-apply-persist-emit,
 * then LiveKit effects. The stored state is the truth; the cache only saves reads.
 */
export function createQueueService(deps: QueueServiceDeps) {
  const cache = new Map<string, QueueState>();
  // Commands on one session run one after another, so every client sees one order.
  const serialized = createKeyedSerial();

  async function load(sessionId: string): Promise<QueueState> {
    const cached = cache.get(sessionId);
    if (cached) return cached;
    const state = (await deps.repo.getQueue(sessionId)) ?? initialQueue();
    cache.set(sessionId, state);
    return state;
  }

  async function carryOut(sessionId: string, effects: QueueEffect[]) {
    for (const effect of effects) {
      if (effect.type !== 'grant-publish' && effect.type !== 'revoke-publish') continue;
      if (!deps.media) continue;
      const done = await setPublishing(
        deps.media,
        sessionId,
        effect.participantId,
        effect.type === 'grant-publish',
      );
      if (!done)
        deps.log.info({ effect }, 'participant not in the media room; their next token carries the grant');
    }
  }

  const snapshotOf = (state: QueueState): QueueSnapshot => ({ ...state, serverNow: deps.nowMs() });

  return {
    snapshot: async (sessionId: string) => snapshotOf(await load(sessionId)),
    /** The participant who holds the floor for a speaking turn, if any. */
    speakingHolder: async (sessionId: string) => {
      const floor = (await load(sessionId)).floor;
      return floor?.kind === 'speak' ? floor.participantId : null;
    },
    apply(sessionId: string, command: QueueCommand): Promise<QueueResult> {
      return serialized(sessionId, async () => {
        const before = await load(sessionId);
        const now = deps.nowMs();
        const result = applyQueue(before, command, now);
        if (!result.ok || result.state === before) return result;
        const state = { ...result.state, revision: before.revision + 1 };
        await deps.repo.saveQueue(sessionId, state, new Date(now));
        cache.set(sessionId, state);
        const floorChanged = before.floor?.participantId !== state.floor?.participantId;
        deps.onChange(sessionId, snapshotOf(state), floorChanged);
        await carryOut(sessionId, result.effects);
        return result;
      });
    },
    /** Sessions with a turn running, for the timer. */
    activeSessions: () => [...cache.entries()].filter(([, s]) => s.floor?.deadline != null).map(([id]) => id),
  };
}

export type QueueService = ReturnType<typeof createQueueService>;
