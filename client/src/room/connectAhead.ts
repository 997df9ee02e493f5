import {
  ConnectionState,
  RoomEvent,
  Track,
  VideoQuality,
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

/** The interpreter's camera comes first: a Deaf viewer needs it the moment they enter. */
function isInterpreterCamera(publication: RemoteTrackPublication, participant: RemoteParticipant): boolean {
  return (
    publication.source === Track.Source.Camera && (participant.metadata?.includes('"interpreter"') ?? false)
  );
}

// The rest is asked for once the interpreter's camera has arrived, or after this long regardless.
const REST_AFTER_MS = 1000;

/**
 * Asks for a track. A video starts at its bottom layer, the one a camera sends first: asked for
 * together with the subscription, the media server starts with it at once (asked for later, the
 * change waits for its debounce). The tile asks for its own layer once a frame is on screen.
 */
function subscribe(publication: RemoteTrackPublication): void {
  if (publication.isDesired) return;
  publication.setSubscribed(true);
  if (publication.kind === Track.Kind.Video) publication.setVideoQuality(VideoQuality.LOW);
}

/**
 * From the Join on, receives everything a Room connected ahead held back, and whatever is
 * published later, as LiveKit's automatic subscription would have; the SFU still enforces who
 * may receive what (a standby interpreter's tracks stay with the team). The interpreter's camera
 * is asked for alone first, so its first frame does not share the link's first moments with the
 * rest. Does nothing for a Room connected the ordinary way. Returns the function that stops.
 */
export function receiveAfterJoin(room: Room): () => void {
  if (!held.has(room)) return () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const subscribeRest = () => {
    clearTimeout(timer);
    room.off(RoomEvent.TrackSubscribed, subscribeRest);
    room.remoteParticipants.forEach((p) => p.trackPublications.forEach(subscribe));
  };
  const subscribeAll = () => {
    const first = [...room.remoteParticipants.values()].flatMap((participant) =>
      [...participant.trackPublications.values()].filter((pub) => isInterpreterCamera(pub, participant)),
    );
    if (first.length === 0 || first.every((pub) => pub.isSubscribed)) return subscribeRest();
    first.forEach(subscribe);
    clearTimeout(timer);
    room.off(RoomEvent.TrackSubscribed, subscribeRest).on(RoomEvent.TrackSubscribed, subscribeRest);
    timer = setTimeout(subscribeRest, REST_AFTER_MS);
  };
  const onPublished = (publication: RemoteTrackPublication) => subscribe(publication);
  const stop = () => {
    clearTimeout(timer);
    room
      .off(RoomEvent.Connected, subscribeAll)
      .off(RoomEvent.Reconnected, subscribeAll)
      .off(RoomEvent.TrackSubscribed, subscribeRest)
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
