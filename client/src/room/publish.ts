import {
  Track,
  VideoPreset,
  VideoPresets,
  type Room,
  type Participant as LkParticipant,
} from 'livekit-client';
import type { InviteRole } from '../../../shared/roles.js';

export interface MediaChoices {
  cameraId: string;
  microphoneId: string;
}

// LiveKit's stock 360p layer runs at 20 fps; signing in a small window still needs the full rate.
// The thumbnail layer stays at 20 fps to spare the publisher's CPU.
const SIMULCAST_LAYERS = [new VideoPreset(320, 180, 200_000, 20), new VideoPreset(640, 360, 700_000, 30)];

const INTERPRETER_MAX_BITRATE_BPS = 2_500_000;
// 540p, not 720p: three 720p publishers on two cores dropped the interpreter below 20 fps, so the
// floor's talking head yields CPU and bandwidth to the signing.
const OTHER_MAX_BITRATE_BPS = 1_200_000;

/**
 * Starts the camera and microphone. Sign language needs motion: the interpreter sends 720p at 30 fps
 * and keeps the frame rate when the encoder must cut (resolution drops first); simulcast lets every
 * viewer take the top layer while thumbnails take the bottom one.
 */
export async function publishCameraAndMicrophone(room: Room, role: InviteRole, choices: MediaChoices) {
  const interpreter = role === 'interpreter';
  const resolution = (interpreter ? VideoPresets.h720 : VideoPresets.h540).resolution;
  await room.localParticipant.setCameraEnabled(
    true,
    { deviceId: choices.cameraId || undefined, resolution },
    {
      simulcast: true,
      videoSimulcastLayers: SIMULCAST_LAYERS,
      videoEncoding: {
        maxBitrate: interpreter ? INTERPRETER_MAX_BITRATE_BPS : OTHER_MAX_BITRATE_BPS,
        maxFramerate: 30,
      },
      degradationPreference: interpreter ? 'maintain-framerate' : 'balanced',
    },
  );
  await room.localParticipant.setMicrophoneEnabled(true, { deviceId: choices.microphoneId || undefined });
}

export interface CameraInfo {
  /** The camera publication, present even before it is subscribed (so its quality can be set early). */
  publication: ReturnType<LkParticipant['getTrackPublication']>;
  /** The publisher turned the camera off on purpose. */
  muted: boolean;
  /** A video track is here to show. */
  live: boolean;
}

/** The camera of a participant (local or remote) by identity, which is their Participant.id. */
export function cameraOf(room: Room, identity: string): CameraInfo {
  const participant: LkParticipant | undefined =
    room.localParticipant.identity === identity
      ? room.localParticipant
      : room.remoteParticipants.get(identity);
  const publication = participant?.getTrackPublication(Track.Source.Camera);
  const muted = publication?.isMuted ?? false;
  return { publication, muted, live: Boolean(publication?.track) && !muted };
}
