import type { Logger } from 'pino';
import type { Floor, QueueSnapshot, QueueState, Voice } from '../../shared/queue.js';
import type { MediaEffects } from '../livekit/effects.js';
import type { Db } from '../store/db.js';
import type { SessionGate } from '../store/gate.js';
import { logFailure } from '../store/unavailable.js';
import { createRepo } from '../store/repo.js';
import {
  applyQueue,
  initialQueue,
  type QueueCommand,
  type QueueEffect,
  type QueueResult,
} from './machine.js';

export interface QueueServiceDeps {
  /** The store, for reads outside a change. */
  db: Db;
  /** Where every change to a queue runs: one at a time per session, on every node. */
  gate: SessionGate;
  /** Where grants go to LiveKit; null without a media server. */
  media: MediaEffects | null;
  log: Logger;
  nowMs: () => number;
  /** Which of these people are connected to the session now, on every node (Q15). */
  presentAmong: (sessionId: string, ids: readonly string[]) => Promise<ReadonlySet<string>>;
  /** Stores who holds the floor from now on, in the same transaction as the queue (the record). */
  recordFloor: (db: Db, sessionId: string, floor: Floor | null, atMs: number) => Promise<void>;
  /** Stores who voices the turn under way (Q19, Q20), in the same transaction, for the record. */
  recordVoice?: (db: Db, sessionId: string, voicedBy: Voice | null) => Promise<void>;
  /**
   * Called after every change that was stored, once it is stored, to tell the room; `floorChanged`
   * when the floor went to someone else or its voice changed (Q18-Q20).
   */
  onChange: (sessionId: string, snapshot: QueueSnapshot, floorChanged: boolean) => void;
}

/**
 * The edge around the queue machine: validate-apply-persist-emit, one change at a time per session
 * through the gate. LiveKit effects are handed to the media effects after that (K6): the queue
 * never waits for media. The stored state is the truth; a node that is the only one keeps open
 * sessions' queues in memory to save reads, a node of several reads the store every time.
 */
export function createQueueService(deps: QueueServiceDeps) {
  const cache = new Map<string, QueueState>();
  // The store's own queries are made once; a transaction (a change on a node of several) gets its own.
  const onStore = createRepo(deps.db);
  const queues = (db: Db) => (db === deps.db ? onStore : createRepo(db));

  // A read outside the session's order (a snapshot) may finish after a change stored a newer
  // state: the newer revision stays.
  function remember(sessionId: string, state: QueueState): QueueState {
    if (deps.gate.shared) return state;
    const cached = cache.get(sessionId);
    if (cached && cached.revision >= state.revision) return cached;
    cache.set(sessionId, state);
    return state;
  }

  async function load(db: Db, sessionId: string): Promise<QueueState> {
    const cached = cache.get(sessionId);
    if (cached) return cached;
    return remember(sessionId, (await queues(db).getQueue(sessionId)) ?? initialQueue());
  }

  function carryOut(sessionId: string, effects: QueueEffect[]) {
    for (const effect of effects) {
      if (effect.type === 'grant-publish')
        deps.media?.setPublishing(sessionId, effect.participantId, true, effect.cameraOnly);
      else if (effect.type === 'revoke-publish')
        deps.media?.setPublishing(sessionId, effect.participantId, false);
    }
  }

  /**
   * Tells the room after a change is stored. Presence is read here, outside the change: it is read
   * on a connection of its own, and a change holds one for its transaction. Snapshots carry the
   * queue's revision, so a page keeps the newest whatever order they arrive in (K5).
   */
  function tell(sessionId: string, state: QueueState, nowMs: number, floorChanged: boolean) {
    withPresence(sessionId, state, nowMs)
      .then((snapshot) => deps.onChange(sessionId, snapshot, floorChanged))
      .catch((err: unknown) => logFailure(deps.log, err, 'the queue could not be sent', { sessionId }));
  }

  async function apply(sessionId: string, command: QueueCommand): Promise<QueueResult> {
    return deps.gate.run(sessionId, async ({ db, nowMs, afterCommit }) => {
      const before = await load(db, sessionId);
      const result = applyQueue(before, command, nowMs);
      if (!result.ok || result.state === before) return result;
      const state = { ...result.state, revision: before.revision + 1 };
      const holderChanged = before.floor?.participantId !== state.floor?.participantId;
      const voice = state.floor?.voicedBy ?? null;
      const voiceChanged = !holderChanged && before.floor?.voicedBy?.participantId !== voice?.participantId;
      await queues(db).saveQueue(sessionId, state, new Date(nowMs));
      if (holderChanged) await deps.recordFloor(db, sessionId, state.floor, nowMs);
      else if (voiceChanged) await deps.recordVoice?.(db, sessionId, voice);
      afterCommit(() => {
        remember(sessionId, state);
        tell(sessionId, state, nowMs, holderChanged || voiceChanged);
        carryOut(sessionId, result.effects);
      });
      return result;
    });
  }

  /** The state as pages get it: with who of the queue is not here (Q15), and the server's time. */
  async function withPresence(sessionId: string, state: QueueState, nowMs: number): Promise<QueueSnapshot> {
    const queued = state.entries.map((e) => e.participantId);
    const present = await deps.presentAmong(sessionId, queued);
    return { ...state, serverNow: nowMs, absent: queued.filter((id) => !present.has(id)) };
  }

  const snapshot = async (sessionId: string) =>
    withPresence(sessionId, await load(deps.db, sessionId), deps.nowMs());
  const floorOf = async (sessionId: string) => (await load(deps.db, sessionId)).floor;

  return {
    snapshot,
    /**
     * Q15: someone came into the room or left it. If they are in the queue, everyone is sent the
     * queue again with who is here; the state itself (and its revision) does not change.
     */
    async presenceChanged(sessionId: string, participantId: string) {
      const state = await load(deps.db, sessionId);
      if (!state.entries.some((e) => e.participantId === participantId)) return;
      deps.onChange(sessionId, await withPresence(sessionId, state, deps.nowMs()), false);
    },
    /** Who holds the floor now, if anyone (no presence read: captions ask on every change). */
    floor: floorOf,
    /** The participant who holds the floor for a speaking turn, if any. */
    speakingHolder: async (sessionId: string) => {
      const floor = await floorOf(sessionId);
      return floor?.kind === 'speak' ? floor.participantId : null;
    },
    /** Whether this person holds the floor for a speaking turn, and whether it is voiced (A41). */
    holding: async (sessionId: string, participantId: string) => {
      const floor = await floorOf(sessionId);
      const holdsFloor = floor?.kind === 'speak' && floor.participantId === participantId;
      return { holdsFloor, voiced: holdsFloor && Boolean(floor.voicedBy) };
    },
    apply,
    /**
     * Q14: one tick of the turn timer for every session whose turn runs, found in the store, so a
     * deadline is enforced after a restart even if nobody has come back to the room. With several
     * nodes each one ticks; the session's lock and the stored flags (warned, expired) make exactly
     * one of them warn and call time.
     */
    async tick(): Promise<void> {
      const sessions = await queues(deps.db).sessionsWithRunningTimer();
      await Promise.all(
        sessions.map((sessionId) =>
          apply(sessionId, { type: 'tick' }).catch((err: unknown) =>
            logFailure(deps.log, err, 'the turn timer could not tick', { sessionId }),
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
