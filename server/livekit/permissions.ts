import { TrackSource } from 'livekit-server-sdk';
import { isNotFound, type MediaService } from './media.js';

/**
 * Gives or takes away camera and microphone from someone already in the media room. Taking them
 * away makes LiveKit unpublish the tracks. Someone not connected to media yet gets the grant in
 * their next token instead (see mediaGrant), so LiveKit's "not found" answers false, not an error;
 * any other failure (a time-out, a refused connection) throws, for the caller to retry.
 */
export async function setPublishing(media: MediaService, room: string, identity: string, allowed: boolean) {
  try {
    await media.rooms.updateParticipant(room, identity, undefined, {
      canSubscribe: true,
      canPublish: allowed,
      canPublishSources: allowed ? [TrackSource.CAMERA, TrackSource.MICROPHONE] : [],
      canPublishData: false,
      canUpdateMetadata: false,
    });
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}
