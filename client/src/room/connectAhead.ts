import {
  ConnectionState,
  RoomEvent,
  Track,
  type RemoteParticipant,
  type RemoteTrackPublication,
  type Room,
} from 'livekit-client';
import type { LiveKitConnection } from '../../../shared/protocol.js';

// Rooms connected to the media server ahead of the Join, holding back every track until then.
const held = new WeakSet<Room>();

/**
 * Connects the page's Room while the pre-join page is shown, with the token the server granted
 * this link now, so that the Join click does not wait for the signalling, ICE and DTLS. Nothing
 * is received before the Join (autoSubscribe off): no one's camera or voice reaches a page whose
 * person has not entered. A failure is left to the room view, which connects as it always has.
 */
export async function connectAhead(room: Room, connection: LiveKitConnection): Promise<void> {
  if (room.state !== ConnectionState.Disconnected) return;
  held.add(room);
  const release = () => held.delete(room);
  room.once(RoomEvent.Disconnected, release);
  await room.connect(connection.url, connection.token, { autoSubscribe: false }).catch(release);
}

/** The order tracks are asked for: the interpreter's camera first (a Deaf viewer needs it at once). */
function priority(publication: RemoteTrackPublication, participant: RemoteParticipant): number {
  const video = publication.source === Track.Source.Camera;
  const interpreter = participant.metadata?.includes('"interpreter"') ?? false;
  return (video ? 0 : 2) + (interpreter ? 0 : 1);
}

/**
 * From the Join on, receives everything a Room connected ahead held back, and whatever is
 * published later, as LiveKit's automatic subscription would have; the SFU still enforces who
 * may receive what (a standby interpreter's tracks stay with the team). Does nothing for a Room
 * connected the ordinary way. Returns the function that stops listening.
 */
export function receiveAfterJoin(room: Room): () => void {
  if (!held.has(room)) return () => undefined;
  const subscribeAll = () => {
    const all = [...room.remoteParticipants.values()].flatMap((participant) =>
      [...participant.trackPublications.values()].map((publication) => ({ publication, participant })),
    );
    all
      .sort((a, b) => priority(a.publication, a.participant) - priority(b.publication, b.participant))
      .forEach(({ publication }) => publication.isSubscribed || publication.setSubscribed(true));
  };
  const onPublished = (publication: RemoteTrackPublication) => publication.setSubscribed(true);
  const stop = () => {
    room
      .off(RoomEvent.Connected, subscribeAll)
      .off(RoomEvent.Reconnected, subscribeAll)
      .off(RoomEvent.TrackPublished, onPublished)
      .off(RoomEvent.Disconnected, stop);
  };
  // LiveKit's own full reconnection keeps the connection's options: its tracks are asked for again.
  room
    .on(RoomEvent.Connected, subscribeAll)
    .on(RoomEvent.Reconnected, subscribeAll)
    .on(RoomEvent.TrackPublished, onPublished)
    .on(RoomEvent.Disconnected, stop);
  if (room.state === ConnectionState.Connected) subscribeAll();
  return stop;
}
