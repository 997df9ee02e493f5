import { RoomServiceClient, WebhookReceiver, type WebhookEvent } from 'livekit-server-sdk';
import type { LiveKitConnection } from '../../shared/protocol.js';
import { mintMediaToken, type MediaIdentity } from './tokens.js';

/** The room's way to LiveKit: tokens for browsers and the server API for what the server enforces. */
export interface MediaService {
  /** The LiveKit URL browsers connect to (ws: or wss:); the pages' Content-Security-Policy allows it. */
  readonly url: string;
  connectionFor(who: MediaIdentity): Promise<LiveKitConnection>;
  /** Drops a person from the media room; resolves quietly when they are not in it. */
  removeParticipant(room: string, identity: string): Promise<void>;
  /** Closes a media room with everyone in it; resolves quietly when there is none. */
  deleteRoom(room: string): Promise<void>;
  /** Checks a webhook's signature and body hash; throws when they do not match. */
  receiveWebhook(body: string, authorization: string | undefined): Promise<WebhookEvent>;
  readonly rooms: RoomServiceClient;
}

/** How long one call to LiveKit's server API may take before it counts as failed (and is retried). */
export const MEDIA_CALL_TIMEOUT_S = 3;

/** LiveKit answers "not found" (a Twirp error) for a room or participant that is not there. */
export const isNotFound = (err: unknown) => (err as { status?: number } | null)?.status === 404;

export function createMediaService(url: string, apiKey: string, apiSecret: string): MediaService {
  const httpUrl = url.replace(/^ws/, 'http');
  const rooms = new RoomServiceClient(httpUrl, apiKey, apiSecret, {
    requestTimeout: MEDIA_CALL_TIMEOUT_S,
  });
  const receiver = new WebhookReceiver(apiKey, apiSecret);
  return {
    url,
    rooms,
    async connectionFor(who) {
      return { url, token: await mintMediaToken(apiKey, apiSecret, who) };
    },
    async removeParticipant(room, identity) {
      try {
        await rooms.removeParticipant(room, identity);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    },
    async deleteRoom(room) {
      try {
        await rooms.deleteRoom(room);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    },
    receiveWebhook: (body, authorization) => receiver.receive(body, authorization),
  };
}
