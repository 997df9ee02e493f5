import {
  Track,
  VideoPreset,
  VideoPresets,
  type AudioCaptureOptions,
  type CreateLocalTracksOptions,
  type Participant as LkParticipant,
  type Room,
  type TrackPublishOptions,
  type VideoCaptureOptions,
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

/** Which of the two a person has on: a reconnection brings them back as they were, not all on. */
export interface PublishWish {
  camera: boolean;
  microphone: boolean;
}

const ALL_ON: PublishWish = { camera: true, microphone: true };

/**
 * Starts the camera and microphone. Sign language needs motion: the interpreter sends 720p at 30 fps
 * and keeps the frame rate when the encoder must cut (resolution drops first); simulcast lets every
 * viewer take the top layer while thumbnails take the bottom one. What `wish` has off is published
 * muted, so its button stays to turn it on, and nothing of it is sent before then.
 */
export async function publishCameraAndMicrophone(
  room: Room,
  role: InviteRole,
  choices: MediaChoices,
  wish: PublishWish = ALL_ON,
) {
  const interpreter = role === 'interpreter';
  const resolution = (interpreter ? VideoPresets.h720 : VideoPresets.h540).resolution;
  const camera: VideoCaptureOptions = { deviceId: choices.cameraId || undefined, resolution };
  const cameraPublishing: TrackPublishOptions = {
    simulcast: true,
    videoSimulcastLayers: SIMULCAST_LAYERS,
    videoEncoding: {
      maxBitrate: interpreter ? INTERPRETER_MAX_BITRATE_BPS : OTHER_MAX_BITRATE_BPS,
      maxFramerate: 30,
    },
    degradationPreference: interpreter ? 'maintain-framerate' : 'balanced',
  };
  const microphone: AudioCaptureOptions = { deviceId: choices.microphoneId || undefined };
  const local = room.localParticipant;
  if (wish.camera) await local.setCameraEnabled(true, camera, cameraPublishing);
  else await publishMuted(room, Track.Source.Camera, { video: camera }, cameraPublishing);
  if (wish.microphone) await local.setMicrophoneEnabled(true, microphone);
  else await publishMuted(room, Track.Source.Microphone, { audio: microphone });
}

/** Publishes a new track already muted (LiveKit tells everyone so in the same request). */
async function publishMuted(
  room: Room,
  source: Track.Source,
  options: CreateLocalTracksOptions,
  publishing?: TrackPublishOptions,
) {
  const local = room.localParticipant;
  const published = local.getTrackPublication(source);
  if (published) return void (await published.mute());
  const [track] = await local.createTracks(options);
  if (!track) return;
  await track.mute();
  await local.publishTrack(track, publishing);
}

/** What the person has on now, for the sources they publish; the rest stays as `before`. */
export function currentWish(room: Room, before: PublishWish): PublishWish {
  const local = room.localParticipant;
  const camera = local.getTrackPublication(Track.Source.Camera);
  const microphone = local.getTrackPublication(Track.Source.Microphone);
  return {
    camera: camera ? !camera.isMuted : before.camera,
    microphone: microphone ? !microphone.isMuted : before.microphone,
  };
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
