import { Track, type Room } from 'livekit-client';

// LiveKit's protocol numbers the sources it lets a participant publish (TrackSource in
// livekit_models.proto): the numbers are the wire format, fixed for good.
const PROTO_SOURCE: Partial<Record<Track.Source, number>> = {
  [Track.Source.Camera]: 1,
  [Track.Source.Microphone]: 2,
};

/**
 * Whether the server's grant leaves this source out: a signing speaker voiced by the interpreter
 * is granted the camera only (policy A41), and their page does not try the microphone, which
 * LiveKit would refuse. Anything else (no grant known yet, no list of sources) is LiveKit's to
 * answer, as before.
 */
export function mayPublish(room: Room, source: Track.Source): boolean {
  const permissions = room.localParticipant.permissions;
  if (!permissions) return true;
  const allowed = permissions.canPublishSources as readonly number[];
  const wanted = PROTO_SOURCE[source];
  return allowed.length === 0 || (wanted !== undefined && allowed.includes(wanted));
}
