import type { Participant, RoomState } from '../../shared/protocol.js';
import { toSummary } from '../store/repo.js';
import { sessionChannel, type RoomContext } from './context.js';
import { defaultFloorHolder } from './pin.js';

/** Everyone who has joined, with whether they are connected now. */
export async function listParticipants(ctx: RoomContext, sessionId: string): Promise<Participant[]> {
  const rows = await ctx.repo.listJoined(sessionId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    online: ctx.presence.isOnline(sessionId, r.id),
  }));
}

export async function buildRoomState(ctx: RoomContext, sessionId: string): Promise<RoomState> {
  const session = await ctx.repo.getSession(sessionId);
  if (!session) throw new Error(`session ${sessionId} vanished`);
  const participants = await listParticipants(ctx, sessionId);
  return {
    session: toSummary(session),
    participants,
    activeInterpreterId: session.active_interpreter_id,
    // A speaking turn puts the speaker on the stage; otherwise (or for a written remark) the moderator.
    floorHolderId: (await ctx.queue.speakingHolder(sessionId)) ?? defaultFloorHolder(participants),
  };
}

/** Sends the current state to everyone in the session. */
export async function broadcastRoomState(ctx: RoomContext, sessionId: string): Promise<RoomState> {
  const state = await buildRoomState(ctx, sessionId);
  ctx.io.to(sessionChannel(sessionId)).emit('room:state', state);
  return state;
}
