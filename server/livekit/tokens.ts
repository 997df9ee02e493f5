import { AccessToken, type VideoGrant } from 'livekit-server-sdk';
import type { InviteRole } from '../../shared/roles.js';
import type { MediaGrant } from '../policy/policy.js';
import { publishSources } from './permissions.js';

/**
 * K2: a media token only opens the door, so it lives just long enough to connect; once connected,
 * LiveKit refreshes it for the participant on its own (every five minutes, from the first second).
 */
export const MEDIA_TOKEN_TTL_S = 60;

/** The LiveKit grant for what the policy allows (A3-A5). Nobody is room admin (G3). */
export function grantFor(room: string, media: MediaGrant): VideoGrant {
  return {
    room,
    roomJoin: true,
    canSubscribe: media.subscribe,
    canPublish: media.publish,
    canPublishSources: publishSources(media.publish, media.cameraOnly),
    canPublishData: false,
    canUpdateOwnMetadata: false,
    roomAdmin: false,
    roomCreate: false,
    roomList: false,
    roomRecord: false,
  };
}

export interface MediaIdentity {
  identity: string;
  name: string;
  role: InviteRole;
  room: string;
  /** What the policy grants this person now. */
  grant: MediaGrant;
  /** A spoken-language interpreter's channel (policy A42): their metadata names the language. */
  channel?: string;
}

export async function mintMediaToken(apiKey: string, apiSecret: string, who: MediaIdentity): Promise<string> {
  const token = new AccessToken(apiKey, apiSecret, {
    identity: who.identity,
    name: who.name,
    metadata: JSON.stringify(who.channel ? { role: who.role, channel: who.channel } : { role: who.role }),
    ttl: MEDIA_TOKEN_TTL_S,
  });
  token.addGrant(grantFor(who.room, who.grant));
  return token.toJwt();
}
