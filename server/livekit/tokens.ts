import { AccessToken, TrackSource, type VideoGrant } from 'livekit-server-sdk';
import { canPublishOnJoin, type InviteRole } from '../../shared/roles.js';

/** Media tokens only open the door: once connected, LiveKit keeps the session alive on its own. */
export const MEDIA_TOKEN_TTL_S = 10 * 60;

/** The grant a role gets on joining. Nobody is room admin; speakers get publish only with the floor. */
export function grantFor(role: InviteRole, room: string, holdsFloor = false): VideoGrant {
  const publish = canPublishOnJoin(role) || holdsFloor;
  return {
    room,
    roomJoin: true,
    canSubscribe: true,
    canPublish: publish,
    canPublishSources: publish ? [TrackSource.CAMERA, TrackSource.MICROPHONE] : [],
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
  /** A speaker who holds the floor when they (re)connect gets to publish at once. */
  holdsFloor?: boolean;
}

export async function mintMediaToken(apiKey: string, apiSecret: string, who: MediaIdentity): Promise<string> {
  const token = new AccessToken(apiKey, apiSecret, {
    identity: who.identity,
    name: who.name,
    metadata: JSON.stringify({ role: who.role }),
    ttl: MEDIA_TOKEN_TTL_S,
  });
  token.addGrant(grantFor(who.role, who.room, who.holdsFloor));
  return token.toJwt();
}
