import type { HostLink } from '../../shared/sessions.js';
import { decide, organizerOn } from '../policy/policy.js';
import type { Repo, SessionRow } from '../store/repo.js';
import type { LinkSigner } from './tokens.js';

/** The name the organizer's moderator link starts with; the pre-join page lets them change it. */
export const HOST_NAME = 'Organizer (host)';

export type HostOutcome = { ok: true; link: HostLink } | { ok: false; reason: string; message: string };

/**
 * "Start as host" (A23): the organizer's own moderator link for the session, made on the first
 * press and reused on every later one, so repeated presses do not pile up invites. Like any staff
 * link it expires when the session ends.
 */
export async function startAsHost(
  deps: { repo: Repo; signer: LinkSigner; publicUrl: () => string },
  session: SessionRow,
  now: Date,
): Promise<HostOutcome> {
  const decision = decide('session:host', organizerOn(session));
  if (!decision.ok) return decision;
  if (Date.parse(session.ends_at) <= now.getTime()) {
    return {
      ok: false,
      reason: 'session-ended',
      message:
        'The session’s end time has passed, so a link to its room would already be expired. ' +
        'Move the end time later under “Edit the session”, then start as host.',
    };
  }
  const { invite, created } = await deps.repo.hostInvite(session.id, HOST_NAME, session.ends_at, now);
  const token = await deps.signer.sign(invite.id, new Date(session.ends_at));
  const joinPath = `/join/${token}`;
  return {
    ok: true,
    link: {
      inviteId: invite.id,
      joinPath,
      url: `${deps.publicUrl()}${joinPath}`,
      expiresAt: invite.expires_at,
      created,
    },
  };
}
