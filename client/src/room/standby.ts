import type { Room } from 'livekit-client';
import { useEffect, useRef, type RefObject } from 'react';
import type { Participant, RoomState } from '../../../shared/protocol.js';
import { isAudience, type InviteRole } from '../../../shared/roles.js';

/** Who may receive this page's camera and microphone: everyone, or only the team (identities). */
export type TrackAudience = { everyone: true } | { everyone: false; team: string[] };

const EVERYONE: TrackAudience = { everyone: true };

/**
 * Interpreters waiting to take over: the team sees them, the public does not. A spoken-language
 * interpreter is not one: their channel is everyone's to choose (policy A42, A43).
 */
export function isStandbyInterpreter(person: Participant, state: RoomState): boolean {
  return person.role === 'interpreter' && person.id !== state.activeInterpreterId && !person.channel;
}

/** The people a viewer is shown: the public sees the active interpreter only, never a standby. */
export function shownParticipants(state: RoomState, viewer: InviteRole): Participant[] {
  if (!isAudience(viewer)) return state.participants;
  return state.participants.filter((p) => !isStandbyInterpreter(p, state));
}

/**
 * A standby interpreter's camera and microphone go to the team (moderators, interpreters,
 * captioners) and nobody else; the active interpreter's, and everyone else's, go to all.
 */
export function audienceFor(self: Participant | null, state: RoomState | null): TrackAudience {
  if (!self || !state || !isStandbyInterpreter(self, state)) return EVERYONE;
  const team = state.participants.filter((p) => !isAudience(p.role) && p.id !== self.id).map((p) => p.id);
  return { everyone: false, team: [...new Set(team)].sort() };
}

/**
 * Tells LiveKit who may subscribe to this page's tracks. The SFU enforces it: a member of the
 * public cannot subscribe to a standby interpreter's tracks even if their page asks. LiveKit keeps
 * the setting for its own resumptions; a fresh connection needs it again (see useMediaConnection).
 */
export function applyAudience(room: Room, audience: TrackAudience): void {
  const allowed = audience.everyone
    ? []
    : audience.team.map((participantIdentity) => ({ participantIdentity, allowAll: true }));
  room.localParticipant.setTrackSubscriptionPermissions(audience.everyone, allowed);
}

const sameAudience = (a: TrackAudience, b: TrackAudience) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The audience this page's tracks should have now, kept in a ref that the media connection reads
 * before it publishes (so a standby interpreter is never sent to the public, not even briefly),
 * and applied again whenever the pin or the team changes.
 */
export function useTrackAudience(
  room: Room,
  self: Participant | null,
  state: RoomState | null,
): RefObject<TrackAudience> {
  const audience = useRef<TrackAudience>(EVERYONE);
  const next = audienceFor(self, state);
  const key = JSON.stringify(next);
  useEffect(() => {
    const wanted = JSON.parse(key) as TrackAudience;
    if (sameAudience(audience.current, wanted)) return;
    audience.current = wanted;
    applyAudience(room, wanted);
  }, [room, key]);
  return audience;
}
