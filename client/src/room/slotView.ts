import type { Room } from 'livekit-client';
import type { Participant } from '../../../shared/protocol.js';
import { cameraOf, type CameraInfo } from './publish';
import type { MediaStatus } from './useMediaConnection';

/** Whether a person is visibly with us: "unknown" while their video has not arrived yet. */
export type Presence = 'here' | 'away' | 'unknown';

export interface SlotView {
  camera: CameraInfo;
  /** What the tile says instead of video, or null while the video plays. */
  status: string | null;
  presence: Presence;
}

export const TILE_TEXT = {
  reconnecting: 'Reconnecting…',
  mediaDown: 'Video down: waiting for the media server',
  connecting: 'Video connecting…',
  unavailable: 'Video unavailable',
  cameraOff: 'Camera off',
} as const;

export function mediaView(media: MediaStatus, camera: CameraInfo, seen: boolean): Omit<SlotView, 'camera'> {
  // While our own media is down we cannot tell whether their video is; they are online, so "here".
  // The server's word that the media server is down comes first: what is on screen is a frozen frame.
  if (media === 'down') return { status: TILE_TEXT.mediaDown, presence: 'here' };
  if (media === 'reconnecting') return { status: TILE_TEXT.reconnecting, presence: 'here' };
  if (media === 'connecting') return { status: TILE_TEXT.connecting, presence: 'here' };
  if (media !== 'connected') return { status: TILE_TEXT.unavailable, presence: 'here' };
  if (camera.muted) return { status: TILE_TEXT.cameraOff, presence: 'here' };
  if (camera.live) return { status: null, presence: 'here' };
  // Video that was on screen and went away is a drop; video that never came is still on its way.
  return seen
    ? { status: TILE_TEXT.reconnecting, presence: 'away' }
    : { status: TILE_TEXT.connecting, presence: 'unknown' };
}

/** What a tile shows for a person: their camera, or a visible reason why not. */
export function slotView(
  room: Room,
  person: Participant,
  media: MediaStatus,
  videoSeen: ReadonlySet<string>,
): SlotView {
  const camera = cameraOf(room, person.id);
  if (!person.online) return { camera, status: TILE_TEXT.reconnecting, presence: 'away' };
  return { camera, ...mediaView(media, camera, videoSeen.has(person.id)) };
}
