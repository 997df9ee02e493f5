import { RoomServiceClient } from 'livekit-server-sdk';
import type { LiveKitConnection } from '../../shared/protocol.js';
import { mintMediaToken, type MediaIdentity } from './tokens.js';

/** The room's way to LiveKit: tokens for browsers and the server API for what the server enforces. */
export interface MediaService {
  /** The LiveKit URL browsers connect to (ws: or wss:); the pages' Content-Security-Policy allows it. */
  readonly url: string;
  connectionFor(who: MediaIdentity): Promise<LiveKitConnection>;
  /** Best effort: drops a person from the media room (a revoked link). */
  removeParticipant(room: string, identity: string): Promise<void>;
  readonly rooms: RoomServiceClient;
}

export function createMediaService(url: string, apiKey: string, apiSecret: string): MediaService {
  const httpUrl = url.replace(/^ws/, 'http');
  const rooms = new RoomServiceClient(httpUrl, apiKey, apiSecret);
  return {
    url,
    rooms,
    async connectionFor(who) {
      return { url, token: await mintMediaToken(apiKey, apiSecret, who) };
    },
    async removeParticipant(room, identity) {
      try {
        await rooms.removeParticipant(room, identity);
      } catch {
        // Not connected to media: nothing to remove.
      }
    },
  };
}
