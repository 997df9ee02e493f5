import { REASONS } from '../../shared/protocol.js';
import type { SessionStatus } from '../../shared/sessions.js';
import { transcriptReadableUntil } from '../captions/transcriptAccess.js';
import { decide, statusesAllowing, type PolicyAction } from '../policy/policy.js';
import type { RoomContext } from '../transport/context.js';
import { broadcastRoomState } from '../room/state.js';

/** What moves a session along: scheduled -> lobby -> live -> ended, or cancelled before it is live. */
export const LIFECYCLE = {
  'open-lobby': { policy: 'session:open-lobby', to: 'lobby' },
  'go-live': { policy: 'session:go-live', to: 'live' },
  end: { policy: 'session:end', to: 'ended' },
  cancel: { policy: 'session:cancel', to: 'cancelled' },
} as const satisfies Record<string, { policy: PolicyAction; to: SessionStatus }>;
export type LifecycleAction = keyof typeof LIFECYCLE;
export const LIFECYCLE_ACTIONS = Object.keys(LIFECYCLE) as [LifecycleAction, ...LifecycleAction[]];

// The store's own actor for what the session does by itself (queueing registrants, its time limit).
const ORGANIZER = { id: 'organizer', role: 'moderator', name: 'Organizer' } as const;

export type LifecycleResult =
  | { ok: true; status: SessionStatus }
  | { ok: false; reason: typeof REASONS.notFound | typeof REASONS.wrongState; message: string };

/**
 * Applies a lifecycle action as the policy allows it (A17-A20), then: going live queues the
 * registrants who asked to speak (A9: only where the public may comment), in registration order,
 * with the session's speaking limit; ending or cancelling tells the room, then tells each
 * connection why and closes it, and the media room (K3), since the links stop working.
 */
export async function applyLifecycle(
  ctx: RoomContext,
  sessionId: string,
  action: LifecycleAction,
  by: 'moderator' | 'organizer',
): Promise<LifecycleResult> {
  const session = await ctx.repo.getSession(sessionId);
  if (!session) return { ok: false, reason: REASONS.notFound, message: 'No session with this id.' };
  const { policy, to } = LIFECYCLE[action];
  const publicComments = session.public_comments === 1;
  const decision = decide(policy, { role: by, status: session.status, publicComments });
  const moved = decision.ok && (await ctx.repo.setStatus(sessionId, statusesAllowing(policy, by), to));
  if (!moved) {
    return {
      ok: false,
      reason: REASONS.wrongState,
      message: `The session is ${session.status}; it cannot be moved to ${to} now.`,
    };
  }
  if (to === 'live' && decide('queue:enqueue-registered', { role: 'speaker', status: to, publicComments }).ok)
    await queueRegisteredSpeakers(ctx, sessionId, session.speaking_limit_ms);
  await broadcastRoomState(ctx, sessionId);
  // Not awaited: whoever asked gets their answer before the connections close. Those who were in
  // the room of an ended session are told until when their link opens its transcript (A24).
  if (to === 'ended') void ctx.closing.closeSession(sessionId, to, transcriptReadableUntil(session));
  if (to === 'cancelled') void ctx.closing.closeSession(sessionId, to, null);
  return { ok: true, status: to };
}

async function queueRegisteredSpeakers(ctx: RoomContext, sessionId: string, speakingLimitMs: number) {
  await ctx.queue.apply(sessionId, { type: 'configure', by: ORGANIZER, settings: { speakingLimitMs } });
  for (const r of await ctx.registrations.list(sessionId)) {
    if (r.status !== 'registered' || !r.wish_to_speak || !r.invite_id) continue;
    const by = { id: r.invite_id, role: 'speaker', name: r.name } as const;
    const raise = {
      type: 'raise',
      by,
      kind: 'speak',
      topic: r.topic,
      remark: null,
      signs: r.signs === 1,
    } as const;
    await ctx.queue.apply(sessionId, raise);
  }
}
