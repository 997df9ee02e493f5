import {
  Room,
  RoomEvent,
  Track,
  VideoPreset,
  VideoPresets,
  type Participant as LkParticipant,
} from 'livekit-client';
import { useEffect, useState } from 'react';
import type { LiveKitConnection } from '../../../shared/protocol.js';
import type { InviteRole } from '../../../shared/roles.js';
import { canPublishOnJoin } from '../../../shared/roles.js';

declare global {
  interface Window {
    /** For browser tests: the page's LiveKit room, to read WebRTC statistics. */
    openfloor?: { room: Room };
  }
}

export type MediaStatus = 'off' | 'connecting' | 'connected' | 'reconnecting' | 'unavailable';

// LiveKit's stock 360p layer runs at 20 fps; signing in a small window still needs the full rate.
// The thumbnail layer stays at 20 fps to spare the publisher's CPU.
const SIMULCAST_LAYERS = [new VideoPreset(320, 180, 200_000, 20), new VideoPreset(640, 360, 700_000, 30)];

export interface MediaChoices {
  cameraId: string;
  microphoneId: string;
}

const REFRESH_EVENTS = [
  RoomEvent.TrackSubscribed,
  RoomEvent.TrackUnsubscribed,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.LocalTrackPublished,
  RoomEvent.LocalTrackUnpublished,
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
] as const;

// Sign language needs motion: frame rate before resolution, and simulcast so viewers can take the top
// layer. The interpreter gets the larger share of bandwidth and CPU; the floor's talking head less.
async function publish(room: Room, role: InviteRole, choices: MediaChoices) {
  const interpreter = role === 'interpreter';
  const resolution = (interpreter ? VideoPresets.h720 : VideoPresets.h540).resolution;
  await room.localParticipant.setCameraEnabled(
    true,
    { deviceId: choices.cameraId || undefined, resolution },
    {
      simulcast: true,
      videoSimulcastLayers: SIMULCAST_LAYERS,
      videoEncoding: { maxBitrate: interpreter ? 2_500_000 : 1_200_000, maxFramerate: 30 },
      degradationPreference: interpreter ? 'maintain-framerate' : 'balanced',
    },
  );
  await room.localParticipant.setMicrophoneEnabled(true, { deviceId: choices.microphoneId || undefined });
}

/** One LiveKit Room per page; `version` changes whenever tracks change so tiles re-read them. */
export function useLiveKit(connection: LiveKitConnection | null, role: InviteRole, choices: MediaChoices) {
  const [room] = useState(() => new Room({ adaptiveStream: false, dynacast: true }));
  const [status, setStatus] = useState<MediaStatus>('connecting');
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!connection) return;
    window.openfloor = { room };
    const refresh = () => setVersion((n) => n + 1);
    REFRESH_EVENTS.forEach((e) => room.on(e, refresh));
    room
      .on(RoomEvent.Reconnecting, () => setStatus('reconnecting'))
      .on(RoomEvent.Reconnected, () => setStatus('connected'))
      .on(RoomEvent.Disconnected, () => setStatus('unavailable'))
      .on(RoomEvent.TrackSubscribed, (track) => {
        if (track.kind === Track.Kind.Audio) document.getElementById('remote-audio')?.append(track.attach());
      })
      .on(RoomEvent.TrackUnsubscribed, (track) => track.detach().forEach((el) => el.remove()))
      // A speaker given the floor is granted publishing by the server: start the camera and microphone.
      // When the grant is revoked LiveKit unpublishes the tracks itself.
      .on(RoomEvent.ParticipantPermissionsChanged, (_previous, participant) => {
        if (participant !== room.localParticipant || canPublishOnJoin(role)) return;
        if (participant.permissions?.canPublish)
          void publish(room, role, choices).catch(() => setStatus('unavailable'));
        refresh();
      });
    room
      .connect(connection.url, connection.token)
      .then(async () => {
        setStatus('connected');
        if (canPublishOnJoin(role)) await publish(room, role, choices);
      })
      .catch(() => setStatus('unavailable'));
    return () => {
      room.removeAllListeners();
      void room.disconnect();
    };
    // The room connects once per page; later choices go through the controls.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [connection, room]);

  return { room, status: connection ? status : 'off', version };
}

/** The camera track of a participant (local or remote), if it is there and unmuted. */
export function cameraTrackOf(room: Room, identity: string) {
  const participant: LkParticipant | undefined =
    room.localParticipant.identity === identity
      ? room.localParticipant
      : room.remoteParticipants.get(identity);
  const publication = participant?.getTrackPublication(Track.Source.Camera);
  return publication && !publication.isMuted ? publication : undefined;
}
