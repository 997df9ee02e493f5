import { logFailure } from '../store/unavailable.js';
import type { Participant, RoomState } from '../../shared/protocol.js';
import { isAudience, type InviteRole } from '../../shared/roles.js';
import { toSummary } from '../store/repo.js';
import { audienceChannel, type OpenFloorSocket, type RoomContext } from '../transport/context.js';
import { defaultFloorHolder } from './pin.js';

/** Audience comings and goings are folded into one broadcast per this interval. */
export const AUDIENCE_BROADCAST_MS = 1000;

/**
 * The staff who have joined, and `alsoId` (the audience member on the floor, if any), with whether
 * they are connected now. The rest of the public is only counted: it can be thousands.
 */
export async function listParticipants(
  ctx: RoomContext,
  sessionId: string,
  alsoId: string | null = null,
): Promise<Participant[]> {
  const rows = await ctx.repo.listJoined(sessionId, alsoId);
  const online = await ctx.presence.onlineAmong(
    sessionId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, online: online.has(r.id) }));
}

export async function buildRoomState(ctx: RoomContext, sessionId: string): Promise<RoomState> {
  const session = await ctx.repo.getSession(sessionId);
  if (!session) throw new Error(`session ${sessionId} vanished`);
  // A speaking turn puts the speaker on the stage; otherwise (or for a written remark) the moderator.
  const speaker = await ctx.queue.speakingHolder(sessionId);
  const [shown, onlineCount] = await Promise.all([
    listParticipants(ctx, sessionId, speaker),
    ctx.presence.onlineCount(sessionId),
  ]);
  const shownOnline = shown.filter((p) => p.online).length;
  return {
    revision: ctx.nextRevision(),
    session: toSummary(session),
    participants: shown,
    audienceOnline: Math.max(0, onlineCount - shownOnline),
    activeInterpreterId: session.active_interpreter_id,
    floorHolderId: speaker ?? defaultFloorHolder(shown),
  };
}

/**
 * R1: the room as a role sees it. The public sees the active interpreter only; a standby
 * interpreter is the team's business (the team sees every interpreter, to hand over).
 */
export function roomStateFor(state: RoomState, role: InviteRole): RoomState {
  if (!isAudience(role)) return state;
  const shown = (p: Participant) => p.role !== 'interpreter' || p.id === state.activeInterpreterId;
  return { ...state, participants: state.participants.filter(shown) };
}

/** Sends the current state to everyone in the session (or everyone but `except`), as each sees it. */
export function emitRoomState(
  ctx: RoomContext,
  sessionId: string,
  state: RoomState,
  except?: OpenFloorSocket,
): void {
  const to = (audience: 'team' | 'public') =>
    except
      ? except.to(audienceChannel(sessionId, audience))
      : ctx.io.to(audienceChannel(sessionId, audience));
  to('team').emit('room:state', state);
  to('public').emit('room:state', roomStateFor(state, 'attendee'));
}

/** Sends the current state to everyone in the session. */
export async function broadcastRoomState(ctx: RoomContext, sessionId: string): Promise<RoomState> {
  const state = await buildRoomState(ctx, sessionId);
  emitRoomState(ctx, sessionId, state);
  return state;
}

/** Coalesces broadcasts caused by the audience coming and going: at most one per interval. */
export function createAudienceBroadcaster(getContext: () => RoomContext) {
  const pending = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  return {
    schedule(sessionId: string) {
      if (stopped || pending.has(sessionId)) return;
      const timer = setTimeout(() => {
        pending.delete(sessionId);
        const ctx = getContext();
        broadcastRoomState(ctx, sessionId).catch((err: unknown) =>
          logFailure(ctx.log, err, 'broadcast failed'),
        );
      }, AUDIENCE_BROADCAST_MS);
      pending.set(sessionId, timer.unref());
    },
    /** On shutdown: nothing may touch the store after it closes. */
    stop() {
      stopped = true;
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}
