import type { InviteRow, Repo, SessionRow } from '../store/repo.js';
import { LinkError, type LinkSigner } from './tokens.js';

export interface ResolvedInvite {
  invite: InviteRow;
  session: SessionRow;
}

/** Checks a join link on every use: signature, expiry, and that the store still knows and honours it. */
export async function resolveInvite(
  signer: LinkSigner,
  repo: Repo,
  token: string,
  now: Date,
): Promise<ResolvedInvite> {
  return checkInvite(repo, await signer.verify(token, now), now);
}

/**
 * The part of the check that the store answers, for a link already verified: run again before
 * every command, so a link revoked (or a session ended) after the handshake stops working at once.
 */
export async function checkInvite(repo: Repo, inviteId: string, now: Date): Promise<ResolvedInvite> {
  const found = await repo.getInviteAndSession(inviteId);
  if (!found) throw new LinkError('unknown');
  const { invite, session } = found;
  if (invite.revoked_at) throw new LinkError('revoked');
  if (Date.parse(invite.expires_at) <= now.getTime()) throw new LinkError('expired');
  if (session.status === 'ended') throw new LinkError('expired');
  if (session.status === 'cancelled') throw new LinkError('cancelled');
  return { invite, session };
}

export const LINK_MESSAGES: Record<LinkError['problem'], { status: number; title: string; detail: string }> =
  {
    malformed: {
      status: 400,
      title: 'This join link is not valid',
      detail:
        'The link is incomplete or was changed. Copy the whole link from your invitation and try again.',
    },
    'bad-signature': {
      status: 403,
      title: 'This join link is not valid',
      detail: 'The link was not issued by this OpenFloor server. Ask the organizer for a new link.',
    },
    expired: {
      status: 410,
      title: 'This join link has expired',
      detail: 'Join links stop working when the session ends. Ask the organizer if you need a new one.',
    },
    cancelled: {
      status: 410,
      title: 'This session was cancelled',
      detail: 'The organizer cancelled this session. The list of upcoming sessions may have another.',
    },
    revoked: {
      status: 410,
      title: 'This join link was withdrawn',
      detail: 'The organizer revoked this link. Ask the organizer for a new one.',
    },
    unknown: {
      status: 404,
      title: 'This join link was not found',
      detail: 'The session or invitation no longer exists. Ask the organizer for a new link.',
    },
  };
