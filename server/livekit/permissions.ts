import { TrackSource } from 'livekit-server-sdk';
import type { MediaService } from './media.js';

/**
 * Gives or takes away camera and microphone from someone already in the media room. Taking them
 * away makes LiveKit unpublish the tracks. Someone not connected to media yet gets the grant in
 * their next token instead (see grantFor), so a failure here for an absent person is not an error.
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
  } catch {
    return false;
  }
}
