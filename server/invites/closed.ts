import { CLOSE_REASONS, type ClosedLink } from '../../shared/protocol.js';
import {
  inviteReadsTranscript,
  linkOverGrace,
  transcriptReadableUntil,
} from '../captions/transcriptAccess.js';
import { toSummary, type Repo } from '../store/repo.js';
import type { LinkSigner } from './tokens.js';

/**
 * The end page's facts for a genuine link that no longer opens the room: its session ended or was
 * cancelled, or the link was withdrawn. Null for anything else (a forged, malformed or unknown
 * link, or one that still works), found as the transcript's own check finds it (A24).
 */
export async function closedLink(
  deps: { signer: LinkSigner; repo: Repo },
  token: string,
  now: Date,
): Promise<ClosedLink | null> {
  const found = await linkOverGrace(deps, token, now);
  if (!found) return null;
  const { invite, session } = found;
  const reason = invite.revoked_at
    ? CLOSE_REASONS.linkRevoked
    : session.status === 'cancelled'
      ? CLOSE_REASONS.cancelled
      : session.status === 'ended'
        ? CLOSE_REASONS.ended
        : null;
  if (!reason) return null;
  const readable = reason === CLOSE_REASONS.ended && inviteReadsTranscript(invite, session, now);
  const transcriptUntil = readable ? transcriptReadableUntil(session).toISOString() : null;
  return { closed: { reason, transcriptUntil }, session: toSummary(session), role: invite.role };
}
