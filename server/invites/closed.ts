import { CLOSE_REASONS, type ClosedLink } from '../../shared/protocol.js';
import {
  linkReadsTranscript,
  TRANSCRIPT_AFTER_END_MS,
  transcriptReadableUntil,
} from '../captions/transcriptAccess.js';
import { toSummary, type Repo } from '../store/repo.js';
import type { LinkSigner } from './tokens.js';

/**
 * The end page's facts for a genuine link that no longer opens the room: its session ended or was
 * cancelled, or the link was withdrawn. Null for anything else (a forged, malformed or unknown
 * link, or one that still works). Links are signed to expire when the session ends, so the
 * signature is checked as of the transcript's grace (A24), like the transcript's own check.
 */
export async function closedLink(
  deps: { signer: LinkSigner; repo: Repo },
  token: string,
  now: Date,
): Promise<ClosedLink | null> {
  const inviteId = await deps.signer
    .verify(token, new Date(now.getTime() - TRANSCRIPT_AFTER_END_MS))
    .catch(() => null);
  const invite = inviteId ? await deps.repo.getInvite(inviteId) : undefined;
  const session = invite ? await deps.repo.getSession(invite.session_id) : undefined;
  if (!invite || !session) return null;
  const reason = invite.revoked_at
    ? CLOSE_REASONS.linkRevoked
    : session.status === 'cancelled'
      ? CLOSE_REASONS.cancelled
      : session.status === 'ended'
        ? CLOSE_REASONS.ended
        : null;
  if (!reason) return null;
  const readable =
    reason === CLOSE_REASONS.ended && (await linkReadsTranscript(deps, token, session.id, now));
  const transcriptUntil = readable ? transcriptReadableUntil(session).toISOString() : null;
  return { closed: { reason, transcriptUntil }, session: toSummary(session), role: invite.role };
}
