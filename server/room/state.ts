import { logFailure } from '../store/unavailable.js';
import type { Participant, RoomState } from '../../shared/protocol.js';
import { isAudience, type InviteRole } from '../../shared/roles.js';
import { toSummary, type SessionRow } from '../store/repo.js';
import { audienceChannel, type OpenFloorSocket, type RoomContext } from '../transport/context.js';
import { pensOf } from '../captions/pen.js';
import { defaultFloorHolder } from './pin.js';

/** The team hears of the audience's comings and goings at most once per this interval. */
export const AUDIENCE_BROADCAST_MS = 1000;

/**
 * The public hears of them less often as it grows, so that telling it costs a node at most this
 * many messages a second: only the count changes for the public, and sending thousands of people a
 * new count every second was most of what a join storm cost.
 */
export const PUBLIC_COUNT_MESSAGES_PER_S = 200;

/** How long the public's count may wait, for an audience of this size on this node. */
export function publicCountWaitMs(localAudience: number): number {
  return Math.max(AUDIENCE_BROADCAST_MS, Math.ceil(localAudience / PUBLIC_COUNT_MESSAGES_PER_S) * 1000);
}

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
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    online: online.has(r.id),
    ...(r.language ? { channel: r.language } : {}),
  }));
}

/** The room's state now; `known` is the session's row when the caller has just read it. */
export async function buildRoomState(
  ctx: RoomContext,
  sessionId: string,
  known?: SessionRow,
): Promise<RoomState> {
  const session = known ?? (await ctx.repo.getSession(sessionId));
  if (!session) throw new Error(`session ${sessionId} vanished`);
  // A speaking turn puts the speaker on the stage; otherwise (or for a written remark) the moderator.
  const floor = await ctx.queue.floor(sessionId);
  const speaking = floor?.kind === 'speak' ? floor : null;
  const speaker = speaking?.participantId ?? null;
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
    // Q18: a signing speaker's voice is the interpreter's.
    voicedById: speaking?.voicedBy?.participantId ?? null,
    // A29: the captioner writing each track now, stored with the session like the interpreter pin.
    captionPens: pensOf(session.caption_pens),
  };
}

/**
 * R1: the room as a role sees it. The public sees the active interpreter only (and the
 * spoken-language interpreters, whose channels it may choose); a standby interpreter is the team's
 * business (the team sees every interpreter, to hand over).
 */
export function roomStateFor(state: RoomState, role: InviteRole): RoomState {
  if (!isAudience(role)) return state;
  // A spoken-language interpreter is a channel the public may choose (A42), never a standby.
  const shown = (p: Participant) =>
    p.role !== 'interpreter' || p.id === state.activeInterpreterId || p.channel !== undefined;
  return { ...state, participants: state.participants.filter(shown) };
}

type Audience = 'team' | 'public';

/** Sends the state to these audiences of the session (or to all in them but `except`), as each sees it. */
function emitTo(
  ctx: RoomContext,
  sessionId: string,
  state: RoomState,
  audiences: readonly Audience[],
  except?: OpenFloorSocket,
): void {
  for (const audience of audiences) {
    const channel = audienceChannel(sessionId, audience);
    const to = except ? except.to(channel) : ctx.io.to(channel);
    to.emit('room:state', audience === 'team' ? state : roomStateFor(state, 'attendee'));
  }
}

/** Sends the current state to everyone in the session (or everyone but `except`), as each sees it. */
export function emitRoomState(
  ctx: RoomContext,
  sessionId: string,
  state: RoomState,
  except?: OpenFloorSocket,
): void {
  emitTo(ctx, sessionId, state, ['team', 'public'], except);
}

/** Sends the current state to everyone in the session. */
export async function broadcastRoomState(ctx: RoomContext, sessionId: string): Promise<RoomState> {
  const state = await buildRoomState(ctx, sessionId);
  emitRoomState(ctx, sessionId, state);
  return state;
}

/**
 * R2: coalesces the broadcasts the audience's comings and goings cause: to the team at most once per
 * AUDIENCE_BROADCAST_MS, to the public at most once per publicCountWaitMs. A change to anything
 * else (the staff, the pin, the floor) is broadcast to everyone at once, elsewhere.
 */
export function createAudienceBroadcaster(getContext: () => RoomContext) {
  const pending = new Map<string, Partial<Record<Audience, NodeJS.Timeout>>>();
  let stopped = false;
  const send = (sessionId: string, audiences: readonly Audience[]) => {
    const waiting = pending.get(sessionId);
    for (const audience of audiences) delete waiting?.[audience];
    if (waiting && !waiting.team && !waiting.public) pending.delete(sessionId);
    const ctx = getContext();
    buildRoomState(ctx, sessionId)
      .then((state) => emitTo(ctx, sessionId, state, audiences))
      .catch((err: unknown) => logFailure(ctx.log, err, 'broadcast failed'));
  };
  // The public's wait is judged again when it is up, by the audience then: in a join storm the
  // audience has grown meanwhile, and so has what telling it costs.
  const later = (sessionId: string, audiences: readonly Audience[], ms: number, since = Date.now()) => {
    const fire = () => {
      if (stopped) return;
      const publicDue = since + publicCountWaitMs(getContext().presence.localCount(sessionId));
      if (!audiences.includes('public') || publicDue <= Date.now()) return send(sessionId, audiences);
      if (audiences.includes('team')) send(sessionId, ['team']);
      later(sessionId, ['public'], publicDue - Date.now(), since);
    };
    const timer = setTimeout(fire, ms).unref();
    const waiting = pending.get(sessionId) ?? {};
    for (const audience of audiences) waiting[audience] = timer;
    pending.set(sessionId, waiting);
  };
  return {
    schedule(sessionId: string) {
      if (stopped) return;
      const waiting = pending.get(sessionId) ?? {};
      // Whoever is not waiting yet, in one timer (one state built when both go): the public's
      // longer wait, if its audience calls for one, is found when the timer is up.
      const audiences = (['team', 'public'] as const).filter((audience) => !waiting[audience]);
      if (audiences.length > 0) later(sessionId, audiences, AUDIENCE_BROADCAST_MS);
    },
    /** On shutdown: nothing may touch the store after it closes. */
    stop() {
      stopped = true;
      for (const waiting of pending.values()) {
        clearTimeout(waiting.team);
        clearTimeout(waiting.public);
      }
      pending.clear();
    },
  };
}
