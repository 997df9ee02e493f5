import { RoomEvent, Track, type RemoteTrack, type Room } from 'livekit-client';
import { useEffect, useState, type RefObject } from 'react';
import type { InviteRole } from '../../../shared/roles.js';
import { canPublishOnJoin } from '../../../shared/roles.js';
import { currentWish, publishCameraAndMicrophone, type MediaChoices } from './publish';

// Any of these may change what a tile shows, so each bumps the render version.
const REFRESH_EVENTS = [
  RoomEvent.Connected,
  RoomEvent.Reconnected,
  RoomEvent.TrackPublished,
  RoomEvent.TrackUnpublished,
  RoomEvent.TrackSubscribed,
  RoomEvent.TrackUnsubscribed,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.LocalTrackPublished,
  RoomEvent.LocalTrackUnpublished,
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.AudioPlaybackStatusChanged,
] as const;

/** Identities whose camera has been on screen at least once, to tell "reconnecting" from "connecting". */
function withCameras(room: Room, seen: ReadonlySet<string>): ReadonlySet<string> {
  const all = [room.localParticipant, ...room.remoteParticipants.values()];
  const fresh = all
    .filter((p) => p.getTrackPublication(Track.Source.Camera)?.track)
    .map((p) => p.identity)
    .filter((id) => !seen.has(id));
  return fresh.length ? new Set([...seen, ...fresh]) : seen;
}

function attachAudio(container: HTMLElement | null, track: RemoteTrack) {
  if (track.kind === Track.Kind.Audio) container?.append(track.attach());
}

function detachAllAudio(room: Room) {
  room.remoteParticipants.forEach((p) =>
    p.audioTrackPublications.forEach((pub) => pub.track?.detach().forEach((el) => el.remove())),
  );
}

/**
 * LiveKit's events for the room view: a version that changes whenever tracks change (tiles read the
 * Room during render), remote audio in hidden <audio> elements, and a speaker's publishing when the
 * server grants it with the floor.
 */
export function useLiveKitEvents(
  room: Room,
  role: InviteRole,
  choices: MediaChoices,
  audioRef: RefObject<HTMLElement | null>,
  onMediaError: (err: unknown) => void,
) {
  const [version, setVersion] = useState(0);
  const [videoSeen, setVideoSeen] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    const refresh = () => {
      setVersion((n) => n + 1);
      setVideoSeen((seen) => withCameras(room, seen));
    };
    // Our own media is starting over: forget what was seen so tiles say "connecting", not "reconnecting".
    const forget = () => setVideoSeen(new Set());
    const onSubscribed = (track: RemoteTrack) => attachAudio(audioRef.current, track);
    // Only the hidden <audio> elements made here are removed: a video is in a tile's <video>, which
    // React owns and the tile detaches itself (removing it would leave a tile without its video).
    const onUnsubscribed = (track: RemoteTrack) => {
      if (track.kind === Track.Kind.Audio) track.detach().forEach((el) => el.remove());
    };
    // When the grant is revoked the server unpublishes the tracks and LiveKit stops them itself.
    // A full reconnection (the media node died) announces the grant again after LiveKit has
    // published the tracks again as they were: those stay as they are (a muted microphone stays
    // muted); only what is not published yet starts, switched on.
    const onPermissions = () => {
      if (canPublishOnJoin(role) || !room.localParticipant.permissions?.canPublish) return refresh();
      const wish = currentWish(room, { camera: true, microphone: true });
      publishCameraAndMicrophone(room, role, choices, wish).catch(onMediaError);
    };
    REFRESH_EVENTS.forEach((e) => room.on(e, refresh));
    room
      .on(RoomEvent.Reconnecting, forget)
      .on(RoomEvent.Disconnected, forget)
      .on(RoomEvent.TrackSubscribed, onSubscribed)
      .on(RoomEvent.TrackUnsubscribed, onUnsubscribed)
      .on(RoomEvent.ParticipantPermissionsChanged, onPermissions);
    return () => {
      REFRESH_EVENTS.forEach((e) => room.off(e, refresh));
      room
        .off(RoomEvent.Reconnecting, forget)
        .off(RoomEvent.Disconnected, forget)
        .off(RoomEvent.TrackSubscribed, onSubscribed)
        .off(RoomEvent.TrackUnsubscribed, onUnsubscribed)
        .off(RoomEvent.ParticipantPermissionsChanged, onPermissions);
      detachAllAudio(room);
    };
  }, [room, role, choices, audioRef, onMediaError]);

  return { version, videoSeen };
}
