import type { LinkSigner } from '../invites/tokens.js';
import { decide } from '../policy/policy.js';
import type { InviteRow, Repo, SessionRow } from '../store/repo.js';

/**
 * A24: how long after the session's scheduled end a link that joined the room still opens the
 * transcript, so the end page's download keeps working after the links have expired.
 */
export const TRANSCRIPT_AFTER_END_MS = 30 * 24 * 3_600_000;

/** The last moment a link of this session opens its transcript once the session has ended (A24). */
export function transcriptReadableUntil(session: Pick<SessionRow, 'ends_at'>): Date {
  return new Date(Date.parse(session.ends_at) + TRANSCRIPT_AFTER_END_MS);
}

/**
 * Whether a join link opens the transcript of `sessionId` now (A24): while the link works, as the
 * live captions do; once the session has ended, if the link joined the room, until
 * transcriptReadableUntil. A revoked link, another session's link or a cancelled session: never.
 */
export async function linkReadsTranscript(
  deps: { signer: LinkSigner; repo: Repo },
  token: string,
  sessionId: string,
  now: Date,
): Promise<boolean> {
  const found = await linkOverGrace(deps, token, now);
  return !!found && found.session.id === sessionId && inviteReadsTranscript(found.invite, found.session, now);
}

/**
 * The invite and session of a genuine link, checked as of the transcript's grace: links are signed
 * to expire at the session's end, so the signature is checked as of the grace's start, and whether
 * the grace still runs is decided from the store. Null for a forged, malformed or unknown link.
 */
export async function linkOverGrace(
  deps: { signer: LinkSigner; repo: Repo },
  token: string,
  now: Date,
): Promise<{ invite: InviteRow; session: SessionRow } | null> {
  const inviteId = await deps.signer
    .verify(token, new Date(now.getTime() - TRANSCRIPT_AFTER_END_MS))
    .catch(() => null);
  const invite = inviteId ? await deps.repo.getInvite(inviteId) : undefined;
  const session = invite ? await deps.repo.getSession(invite.session_id) : undefined;
  return invite && session ? { invite, session } : null;
}

/** A24 for a link already found: not revoked, allowed by the policy, within its time. */
export function inviteReadsTranscript(invite: InviteRow, session: SessionRow, now: Date): boolean {
  if (invite.revoked_at) return false;
  const subject = {
    role: invite.role,
    status: session.status,
    publicComments: session.public_comments === 1,
  };
  if (!decide('transcript:read', subject).ok) return false;
  if (session.status === 'ended') {
    return invite.joined_at !== null && now < transcriptReadableUntil(session);
  }
  return Date.parse(invite.expires_at) > now.getTime();
}
