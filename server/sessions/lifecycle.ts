import { REASONS } from '../../shared/protocol.js';
import type { SessionStatus } from '../../shared/sessions.js';
import { sessionChannel, type RoomContext } from '../room/context.js';
import { broadcastRoomState } from '../room/state.js';

/** What moves a session along: scheduled -> lobby -> live -> ended, or cancelled before it is live. */
export const LIFECYCLE = {
  'open-lobby': { from: ['scheduled'], to: 'lobby' },
  'go-live': { from: ['scheduled', 'lobby'], to: 'live' },
  end: { from: ['lobby', 'live'], to: 'ended' },
  cancel: { from: ['scheduled', 'lobby'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly SessionStatus[]; to: SessionStatus }>;
export type LifecycleAction = keyof typeof LIFECYCLE;
export const LIFECYCLE_ACTIONS = Object.keys(LIFECYCLE) as [LifecycleAction, ...LifecycleAction[]];

// The store's own actor for what the session does by itself (queueing registrants, its time limit).
const ORGANIZER = { id: 'organizer', role: 'moderator', name: 'Organizer' } as const;

export type LifecycleResult =
  | { ok: true; status: SessionStatus }
  | { ok: false; reason: typeof REASONS.notFound | typeof REASONS.wrongState; message: string };

/**
 * Applies a lifecycle action, then: going live queues the registrants who asked to speak, in
 * registration order, with the session's speaking limit; ending or cancelling tells the room and
 * closes every connection, since the links stop working.
 */
export async function applyLifecycle(
  ctx: RoomContext,
  sessionId: string,
  action: LifecycleAction,
): Promise<LifecycleResult> {
  const session = await ctx.repo.getSession(sessionId);
  if (!session) return { ok: false, reason: REASONS.notFound, message: 'No session with this id.' };
  const { from, to } = LIFECYCLE[action];
  if (!(await ctx.repo.setStatus(sessionId, from, to))) {
    return {
      ok: false,
      reason: REASONS.wrongState,
      message: `The session is ${session.status}; it can be moved to ${to} only from ${from.join(' or ')}.`,
    };
  }
  if (to === 'live') await queueRegisteredSpeakers(ctx, sessionId, session.speaking_limit_ms);
  await broadcastRoomState(ctx, sessionId);
  if (to === 'ended' || to === 'cancelled') {
    for (const socket of await ctx.io.in(sessionChannel(sessionId)).fetchSockets()) socket.disconnect(true);
  }
  return { ok: true, status: to };
}

async function queueRegisteredSpeakers(ctx: RoomContext, sessionId: string, speakingLimitMs: number) {
  await ctx.queue.apply(sessionId, { type: 'configure', by: ORGANIZER, settings: { speakingLimitMs } });
  for (const r of await ctx.registrations.list(sessionId)) {
    if (r.status !== 'registered' || !r.wish_to_speak || !r.invite_id) continue;
    const by = { id: r.invite_id, role: 'speaker', name: r.name } as const;
    await ctx.queue.apply(sessionId, { type: 'raise', by, kind: 'speak', topic: r.topic, remark: null });
  }
}
