import { TrackSource } from 'livekit-server-sdk';
import { isNotFound, type MediaService } from './media.js';

/** What a grant lets a person publish: camera and microphone, the camera only (policy A41), or nothing. */
export function publishSources(allowed: boolean, cameraOnly = false): TrackSource[] {
  if (!allowed) return [];
  return cameraOnly ? [TrackSource.CAMERA] : [TrackSource.CAMERA, TrackSource.MICROPHONE];
}

/**
 * Gives or takes away camera and microphone (or the microphone only: A41) from someone already in
 * the media room. Taking them away makes LiveKit unpublish the tracks. Someone not connected to media yet gets the grant in
 * their next token instead (see mediaGrant), so LiveKit's "not found" answers false, not an error;
 * any other failure (a time-out, a refused connection) throws, for the caller to retry.
 */
export async function setPublishing(
  media: MediaService,
  room: string,
  identity: string,
  allowed: boolean,
  cameraOnly = false,
) {
  try {
    await media.rooms.updateParticipant(room, identity, undefined, {
      canSubscribe: true,
      canPublish: allowed,
      canPublishSources: publishSources(allowed, cameraOnly),
      canPublishData: false,
      canUpdateMetadata: false,
    });
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}
