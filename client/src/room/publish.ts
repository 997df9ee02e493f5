import {
  Track,
  VideoPreset,
  VideoPresets,
  type AudioCaptureOptions,
  type CreateLocalTracksOptions,
  type LocalTrack,
  type Participant as LkParticipant,
  type Room,
  type TrackPublishOptions,
  type VideoCaptureOptions,
} from 'livekit-client';
import type { InviteRole } from '../../../shared/roles.js';
import { mayPublish } from '../sign/grants';
import { takePreparedTracks } from './preparedTracks';

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

/** How a role's camera and microphone are captured and its camera sent. */
function mediaOptions(role: InviteRole, choices: MediaChoices) {
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
  return { camera, cameraPublishing, microphone };
}

/** The capture options for a role's camera and microphone, to make the tracks ahead of publishing. */
export function captureOptions(role: InviteRole, choices: MediaChoices): CreateLocalTracksOptions {
  const { camera, microphone } = mediaOptions(role, choices);
  return { video: camera, audio: microphone };
}

// One publish at a time per Room: the grant's event and a fresh connection can both ask at once,
// and tracks made ahead are published with publishTrack, which LiveKit does not serialize with its
// own enable calls the way it serializes those with each other. Two at once made a second
// microphone, live, beside the one the person then muted.
const publishing = new WeakMap<Room, Promise<void>>();

/**
 * Starts the camera and microphone. Sign language needs motion: the interpreter sends 720p at 30 fps
 * and keeps the frame rate when the encoder must cut (resolution drops first); simulcast lets every
 * viewer take the top layer while thumbnails take the bottom one. What `wish` has off is published
 * muted, so its button stays to turn it on, and nothing of it is sent before then; what is already
 * published stays as it is (a microphone muted meanwhile stays muted). Tracks made ahead (a
 * speaker's, while they were asked) are published as they are.
 */
export function publishCameraAndMicrophone(
  room: Room,
  role: InviteRole,
  choices: MediaChoices,
  wish: PublishWish = ALL_ON,
): Promise<void> {
  const run = () => publishNow(room, role, choices, currentWish(room, wish));
  const next = (publishing.get(room) ?? Promise.resolve()).then(run, run);
  publishing.set(room, next);
  return next;
}

async function publishNow(room: Room, role: InviteRole, choices: MediaChoices, wish: PublishWish) {
  const { camera, cameraPublishing, microphone } = mediaOptions(role, choices);
  const local = room.localParticipant;
  const ready = (await takePreparedTracks(room)) ?? [];
  const readyOf = (source: Track.Source) => ready.find((t) => t.source === source);
  // The camera first: viewers see the speaker as soon as it is out; the microphone follows at once.
  await publishSource(room, Track.Source.Camera, {
    on: wish.camera,
    ready: readyOf(Track.Source.Camera),
    enable: () => local.setCameraEnabled(true, camera, cameraPublishing),
    capture: { video: camera },
    publishing: cameraPublishing,
  });
  if (!mayPublish(room, Track.Source.Microphone)) return void readyOf(Track.Source.Microphone)?.stop();
  await publishSource(room, Track.Source.Microphone, {
    on: wish.microphone,
    ready: readyOf(Track.Source.Microphone),
    enable: () => local.setMicrophoneEnabled(true, microphone),
    capture: { audio: microphone },
  });
}

interface SourcePlan {
  /** The person has it on (otherwise it is published muted). */
  on: boolean;
  /** A track captured ahead, used unless the source is already published. */
  ready: LocalTrack | undefined;
  enable: () => Promise<unknown>;
  capture: CreateLocalTracksOptions;
  publishing?: TrackPublishOptions;
}

async function publishSource(room: Room, source: Track.Source, plan: SourcePlan) {
  const local = room.localParticipant;
  if (local.getTrackPublication(source)) {
    // Already out (LiveKit's own reconnection published it again): as the person left it.
    plan.ready?.stop();
    return;
  }
  if (plan.ready) {
    if (!plan.on) await plan.ready.mute();
    await local.publishTrack(plan.ready, plan.publishing);
    return;
  }
  if (plan.on) await plan.enable();
  else await publishMuted(room, source, plan.capture, plan.publishing);
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
