import express, { Router } from 'express';
import { TrackSource } from 'livekit-server-sdk';
import type { Logger } from 'pino';
import { checkInvite } from '../invites/resolve.js';
import { LinkError } from '../invites/tokens.js';
import { mediaGrant, type MediaGrant } from '../policy/policy.js';
import type { QueueService } from '../queue/service.js';
import type { Repo } from '../store/repo.js';
import type { MediaEffects } from './effects.js';
import type { MediaService } from './media.js';

export interface WebhookDeps {
  media: MediaService;
  /** Removals and deletions go through the media effects, which time out and retry (K6). */
  effects: MediaEffects;
  repo: Repo;
  queue: QueueService;
  now: () => Date;
  log: Logger;
}

export const WEBHOOK_PATH = '/livekit/webhook';

const NO_MEDIA: MediaGrant = { subscribe: false, publish: false };

/**
 * K4: LiveKit tells us who enters a media room; whoever the policy no longer allows there (a
 * revoked link, an ended or unknown session, the public before go-live) is removed at once, and a
 * media room of a session that is over is deleted. So a token minted earlier, or refreshed by
 * LiveKit, cannot carry anyone back in. Whoever enters with another right to publish than the
 * store gives them now has it set from the store: a floor given while their media connection was
 * not there (their token is older), or taken while the node hosting the room was down (LiveKit's
 * refreshed token still says yes).
 */
export function createLiveKitWebhookRouter(deps: WebhookDeps): Router {
  const router = Router();

  /** What the policy grants now; null when the store cannot say (keep them as they are). */
  async function grantOf(room: string, identity: string): Promise<MediaGrant | null> {
    let found;
    try {
      found = await checkInvite(deps.repo, identity, deps.now());
    } catch (err) {
      if (err instanceof LinkError) return NO_MEDIA;
      // The store could not answer: keep the person rather than drop everyone during an outage.
      deps.log.warn({ err, room, identity }, 'could not check a participant who entered the media room');
      return null;
    }
    const { invite, session } = found;
    if (session.id !== room) return NO_MEDIA;
    const { holdsFloor, voiced } = await deps.queue.holding(room, identity);
    const subject = {
      role: invite.role,
      status: session.status,
      publicComments: session.public_comments === 1,
    };
    return mediaGrant(subject, holdsFloor, voiced);
  }

  router.post(WEBHOOK_PATH, express.text({ type: () => true, limit: '64kb' }), async (req, res) => {
    let event;
    try {
      event = await deps.media.receiveWebhook(String(req.body ?? ''), req.get('authorization'));
    } catch {
      return res.status(401).type('text/plain').send('Invalid webhook signature.');
    }
    res.status(200).end();
    const room = event.room?.name;
    if (!room) return;
    if (event.event === 'participant_joined' && event.participant) {
      const identity = event.participant.identity;
      const grant = await grantOf(room, identity);
      if (!grant) return;
      if (!grant.subscribe) {
        deps.log.info(
          { room, identity },
          'removing a participant the policy does not allow in the media room',
        );
        return deps.effects.removeParticipant(room, identity);
      }
      const permission = event.participant.permission;
      // A41: a voiced speaker whose token still carries the microphone has it taken too.
      const microphone = permission?.canPublishSources.includes(TrackSource.MICROPHONE) ?? false;
      if ((permission?.canPublish ?? false) !== grant.publish || (grant.cameraOnly && microphone)) {
        deps.log.info(
          { room, identity, publish: grant.publish, cameraOnly: grant.cameraOnly },
          'setting publishing from the store on entry',
        );
        deps.effects.setPublishing(room, identity, grant.publish, grant.cameraOnly);
      }
    } else if (event.event === 'room_started') {
      const session = await deps.repo.getSession(room);
      if (session && session.status !== 'ended' && session.status !== 'cancelled') return;
      deps.effects.deleteRoom(room);
    }
  });
  return router;
}
