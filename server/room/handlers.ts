import type { Participant } from '../../shared/protocol.js';
import { REASONS } from '../../shared/protocol.js';
import { isAudience } from '../../shared/roles.js';
import { joinRoomSchema, setActiveInterpreterSchema, takeOverSchema } from '../../shared/schemas.js';
import { createCommandWrapper, refuse } from './command.js';
import { sessionChannel, type OpenFloorSocket, type RoomContext } from './context.js';
import { decidePin, type PinCommand } from './pin.js';
import { broadcastRoomState, buildRoomState, listParticipants } from './state.js';

async function mediaIdentity(ctx: RoomContext, socket: OpenFloorSocket) {
  const d = socket.data;
  const holdsFloor = (await ctx.queue.speakingHolder(d.sessionId)) === d.inviteId;
  return { identity: d.inviteId, name: d.name, role: d.role, room: d.sessionId, holdsFloor };
}

async function captionUrlOf(ctx: RoomContext, socket: OpenFloorSocket): Promise<string | null> {
  const session = await ctx.repo.getSession(socket.data.sessionId);
  return session ? ctx.captionUrl(session.id, socket.data.inviteId, new Date(session.ends_at)) : null;
}

/** Applies a pin rule, stores the result, and tells the room when the pin moved. */
async function applyPin(ctx: RoomContext, sessionId: string, command: PinCommand) {
  const session = await ctx.repo.getSession(sessionId);
  if (!session) return refuse(REASONS.notFound, 'This session no longer exists.');
  const decision = decidePin(session.active_interpreter_id, await listParticipants(ctx, sessionId), command);
  if (!decision.ok) return refuse(decision.reason, 'Only an interpreter or a moderator can do that.');
  if (decision.activeInterpreterId !== session.active_interpreter_id) {
    await ctx.repo.setActiveInterpreter(sessionId, decision.activeInterpreterId);
  }
  return { ok: true as const };
}

/** room:join, room:media-token and presence. */
export function registerRoomHandlers(ctx: RoomContext, socket: OpenFloorSocket): void {
  const command = createCommandWrapper(ctx, socket);
  const { sessionId, inviteId } = socket.data;

  socket.on(
    'room:join',
    command(joinRoomSchema, async ({ name }) => {
      socket.data.name = name ?? socket.data.name;
      await ctx.repo.markJoined(inviteId, socket.data.name, ctx.now());
      if (!socket.data.joined) {
        socket.data.joined = true;
        ctx.presence.add(sessionId, inviteId);
        await socket.join(sessionChannel(sessionId));
      }
      if (!isAudience(socket.data.role))
        await applyPin(ctx, sessionId, { type: 'came-online', who: inviteId });
      const state = await buildRoomState(ctx, sessionId);
      if (isAudience(socket.data.role)) ctx.audienceChanged(sessionId);
      else socket.to(sessionChannel(sessionId)).emit('room:state', state);
      const self: Participant = {
        id: inviteId,
        name: socket.data.name,
        role: socket.data.role,
        online: true,
      };
      const livekit = ctx.media ? await ctx.media.connectionFor(await mediaIdentity(ctx, socket)) : null;
      const queue = await ctx.queue.snapshot(sessionId);
      const captionUrl = socket.data.role === 'captioner' ? await captionUrlOf(ctx, socket) : null;
      return { ok: true, self, state, queue, livekit, captionUrl };
    }),
  );

  socket.on(
    'room:media-token',
    command(takeOverSchema, async () => {
      if (!socket.data.joined) return refuse(REASONS.notJoined, 'Join the room first.');
      if (!ctx.media) return refuse(REASONS.mediaUnavailable, 'The media server is not available.');
      return { ok: true, livekit: await ctx.media.connectionFor(await mediaIdentity(ctx, socket)) };
    }),
  );

  socket.on('disconnect', () => {
    if (!socket.data.joined) return;
    if (!ctx.presence.remove(sessionId, inviteId)) return;
    if (isAudience(socket.data.role)) return ctx.audienceChanged(sessionId);
    broadcastRoomState(ctx, sessionId).catch((err: unknown) => ctx.log.error({ err }, 'broadcast failed'));
  });
}

/** interpreter:take-over and interpreter:set-active (rules P2, P3). */
export function registerInterpreterHandlers(ctx: RoomContext, socket: OpenFloorSocket): void {
  const command = createCommandWrapper(ctx, socket);
  const { sessionId, inviteId } = socket.data;
  const pinAndBroadcast = async (pin: PinCommand) => {
    if (!socket.data.joined) return refuse(REASONS.notJoined, 'Join the room first.');
    const result = await applyPin(ctx, sessionId, pin);
    if (result.ok) await broadcastRoomState(ctx, sessionId);
    return result;
  };

  socket.on(
    'interpreter:take-over',
    command(takeOverSchema, () => pinAndBroadcast({ type: 'take-over', by: inviteId })),
  );
  socket.on(
    'interpreter:set-active',
    command(setActiveInterpreterSchema, ({ participantId }) =>
      pinAndBroadcast({ type: 'set-active', by: inviteId, target: participantId }),
    ),
  );
}
