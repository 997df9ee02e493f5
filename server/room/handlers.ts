import { logFailure as logStoreFailure } from '../store/unavailable.js';
import type { LiveKitConnection, Participant } from '../../shared/protocol.js';
import { REASONS } from '../../shared/protocol.js';
import { isAudience } from '../../shared/roles.js';
import { decide, mediaGrant } from '../policy/policy.js';
import { refuse, type Caller, type CommandPipeline } from '../transport/commands.js';
import {
  audienceChannel,
  sessionChannel,
  type OpenFloorSocket,
  type RoomContext,
} from '../transport/context.js';
import { decidePin, type PinCommand } from './pin.js';
import { voiceOf } from '../queue/voice.js';
import {
  broadcastRoomState,
  buildRoomState,
  emitRoomState,
  listParticipants,
  roomStateFor,
} from './state.js';

const mediaAvailable = (ctx: RoomContext) => Boolean(ctx.media) && (ctx.mediaHealth?.available() ?? true);

/** The LiveKit connection the policy allows this caller now (A3-A5), or null for none. */
export async function mediaFor(ctx: RoomContext, caller: Caller): Promise<LiveKitConnection | null> {
  const { invite, session } = caller;
  if (!ctx.media || !mediaAvailable(ctx)) return null;
  const { holdsFloor, voiced } = await ctx.queue.holding(session.id, invite.id);
  const subject = {
    role: invite.role,
    status: session.status,
    publicComments: session.public_comments === 1,
  };
  const grant = mediaGrant(subject, holdsFloor, voiced);
  if (!grant.subscribe) return null;
  const name = caller.socket.data.name;
  // A42: a spoken-language interpreter's microphone is their language's channel, named in the
  // participant's metadata, which only the server sets.
  const channel =
    invite.language && decide('media:publish-channel', subject).ok ? invite.language : undefined;
  const who = { identity: invite.id, name, role: invite.role, room: session.id, grant };
  return ctx.media.connectionFor(channel ? { ...who, channel } : who);
}

/** Applies a pin rule, stores the result, and tells the room when the pin moved. */
async function applyPin(ctx: RoomContext, sessionId: string, command: PinCommand) {
  const session = await ctx.repo.getSession(sessionId);
  if (!session) return refuse(REASONS.notFound, 'This session no longer exists.');
  const decision = decidePin(session.active_interpreter_id, await listParticipants(ctx, sessionId), command);
  if (!decision.ok) {
    const message =
      decision.reason === REASONS.forbidden
        ? 'An interpreter of a spoken language interprets on their channel, not on the stage.'
        : 'That interpreter is not here.';
    return refuse(decision.reason, message);
  }
  if (decision.activeInterpreterId !== session.active_interpreter_id) {
    await ctx.repo.setActiveInterpreter(sessionId, decision.activeInterpreterId);
    // Q20: a signing speaker on the floor is voiced by whoever is pinned now.
    const voice = await voiceOf(ctx, decision.activeInterpreterId);
    await ctx.queue.apply(sessionId, { type: 'voice', voice });
  }
  return { ok: true as const, activeInterpreterId: decision.activeInterpreterId };
}

/** room:join and room:media-token (A1, A3-A5). */
export function registerRoomHandlers(ctx: RoomContext, commands: CommandPipeline) {
  commands.on('room:join', {
    action: 'room:join',
    beforeJoin: true,
    handle: async ({ name }, caller) => {
      const { socket, invite, session } = caller;
      socket.data.name = name ?? socket.data.name;
      const audience = isAudience(invite.role);
      // A join again under the same name (a reconnect, a restart's storm) changes nothing stored.
      const marking =
        invite.join_order === null || invite.name !== socket.data.name
          ? ctx.repo.markJoined(invite.id, session.id, socket.data.name, ctx.now())
          : Promise.resolve();
      // The staff (and a renamed speaker) are in the room's state as marked; the rest of the public
      // is only counted there, so its mark and the state are read in the same turn: one wait fewer
      // per join in a join storm. Handled at once, so that a failure meanwhile is not "unhandled";
      // it still fails the join below.
      if (!audience || invite.name !== socket.data.name) await marking;
      else marking.catch(() => undefined);
      if (!socket.data.joined) {
        socket.data.joined = true;
        const cameOnline = await ctx.presence.add(session.id, invite.id);
        const channel = audienceChannel(session.id, audience ? 'public' : 'team');
        await socket.join([sessionChannel(session.id), channel]);
        if (cameOnline) void ctx.queue.presenceChanged(session.id, invite.id).catch(logFailure(ctx));
      }
      const pin = audience ? null : await applyPin(ctx, session.id, { type: 'came-online', who: invite.id });
      // The session as this command's check read it: one read fewer per join in a join storm; with
      // the pin this join may have just moved (P1), which that read predates.
      const known = pin?.ok ? { ...session, active_interpreter_id: pin.activeInterpreterId } : session;
      const [state] = await Promise.all([buildRoomState(ctx, session.id, known), marking]);
      if (audience) ctx.audienceChanged(session.id);
      else emitRoomState(ctx, session.id, state, socket);
      const self: Participant = {
        id: invite.id,
        name: socket.data.name,
        role: invite.role,
        online: true,
        ...(invite.language ? { channel: invite.language } : {}),
      };
      const livekit = await mediaFor(ctx, caller);
      const queue = await ctx.queue.snapshot(session.id);
      const captionUrl =
        invite.role === 'captioner'
          ? await ctx.captionUrl(session.id, invite.id, new Date(session.ends_at))
          : null;
      const media = { available: mediaAvailable(ctx) };
      const seen = roomStateFor(state, invite.role);
      return { ok: true as const, self, state: seen, queue, livekit, media, captionUrl };
    },
  });

  // Asked before the join too: the pre-join page connects to the media server ahead of the click.
  commands.on('room:media-token', {
    action: 'media:subscribe',
    beforeJoin: true,
    handle: async (_payload, caller) => {
      const livekit = await mediaFor(ctx, caller);
      if (!livekit) return refuse(REASONS.mediaUnavailable, 'The media server is not available.');
      return { ok: true as const, livekit };
    },
  });
}

/** Presence: someone who joined and whose last connection closes goes offline. */
export function trackPresence(ctx: RoomContext, socket: OpenFloorSocket): void {
  socket.on('disconnect', wentAway.bind(null, ctx, socket));
}

function wentAway(ctx: RoomContext, socket: OpenFloorSocket): void {
  const { sessionId, inviteId, joined, role } = socket.data;
  if (!joined) return;
  void ctx.presence
    .remove(sessionId, inviteId)
    .then(async (wentOffline) => {
      // The store keeps everything; memory keeps only sessions with someone connected here.
      if (ctx.presence.localCount(sessionId) === 0) ctx.forget(sessionId);
      // Nobody left anywhere to tell.
      if (!wentOffline || (await ctx.presence.onlineCount(sessionId)) === 0) return;
      void ctx.queue.presenceChanged(sessionId, inviteId).catch(logFailure(ctx));
      if (isAudience(role)) return ctx.audienceChanged(sessionId);
      await broadcastRoomState(ctx, sessionId);
    })
    .catch(logFailure(ctx));
}

/** N3: the people of a node that died went with it: their sessions hear who is still here. */
export function tellNodesLost(ctx: RoomContext, gone: { sessionId: string; inviteId: string }[]): void {
  for (const sessionId of new Set(gone.map((g) => g.sessionId))) {
    broadcastRoomState(ctx, sessionId).catch(logFailure(ctx));
  }
  for (const { sessionId, inviteId } of gone) {
    ctx.queue.presenceChanged(sessionId, inviteId).catch(logFailure(ctx));
  }
}

const logFailure = (ctx: RoomContext) => (err: unknown) => logStoreFailure(ctx.log, err, 'broadcast failed');

/** interpreter:take-over and interpreter:set-active (rules P2, P3; who may: A6, A7). */
export function registerInterpreterHandlers(ctx: RoomContext, commands: CommandPipeline) {
  const pinAndBroadcast = async (sessionId: string, pin: PinCommand) => {
    const result = await applyPin(ctx, sessionId, pin);
    if (!result.ok) return result;
    await broadcastRoomState(ctx, sessionId);
    return { ok: true as const };
  };
  commands.on('interpreter:take-over', {
    action: 'interpreter:take-over',
    handle: (_payload, { session, invite }) =>
      pinAndBroadcast(session.id, { type: 'take-over', by: invite.id }),
  });
  commands.on('interpreter:set-active', {
    action: 'interpreter:set-active',
    handle: ({ participantId }, { session }) =>
      pinAndBroadcast(session.id, { type: 'set-active', target: participantId }),
  });
}
