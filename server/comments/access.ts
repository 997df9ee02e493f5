import type { Request } from 'express';
import type { InviteRole } from '../../shared/roles.js';
import type { LinkSigner } from '../invites/tokens.js';
import { decide, type PolicyAction, type PolicyDecision } from '../policy/policy.js';
import type { Repo } from '../store/repo.js';
import type { CommentSession } from './service.js';

/**
 * A31: how long after the later of the session's end and the comment period's close a moderator's
 * link still moderates: links are signed to expire when the session ends, and comments come after.
 */
export const MODERATION_AFTER_MS = 30 * 24 * 3_600_000;

/** Who asks to act on a session's comments: the organizer, or the holder of a link of the session. */
export interface CommentAsker {
  role: 'organizer' | InviteRole;
  /** How decisions are signed: "Organizer", or the name on the link. */
  name: string;
}

export interface AccessDeps {
  repo: Repo;
  signer: LinkSigner;
  isOrganizer: (req: Request) => Promise<boolean>;
  now: () => Date;
}

/** The last moment a link of this session acts on its comments (A31). */
export function linkActsUntil({ session, settings }: CommentSession): number {
  const end = Math.max(Date.parse(session.ends_at), settings.closesAt ? Date.parse(settings.closesAt) : 0);
  return end + MODERATION_AFTER_MS;
}

/** The link a request carries: as a Bearer token (an API client) or `?token=` (a page's <video>). */
function linkOf(req: Request, queryToken: string | undefined): string | undefined {
  return /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? queryToken;
}

/**
 * Who asks, or null when nobody the session knows does: the organizer (token or cookie), or the
 * holder of an unrevoked link of this very session, within linkActsUntil. The link's signature is
 * checked here; its own expiry (the session's end) is not, since A31 runs past it: the store says
 * when the link stops working. What the asker may do is the policy's to say (`allows`).
 */
export async function askerOf(
  deps: AccessDeps,
  req: Request,
  cs: CommentSession,
  queryToken?: string,
): Promise<CommentAsker | null> {
  if (await deps.isOrganizer(req)) return { role: 'organizer', name: 'Organizer' };
  const token = linkOf(req, queryToken);
  if (!token) return null;
  const inviteId = await deps.signer.verify(token, new Date(0)).catch(() => null);
  const invite = inviteId ? await deps.repo.getInvite(inviteId) : undefined;
  if (!invite || invite.revoked_at || invite.session_id !== cs.session.id) return null;
  if (deps.now().getTime() >= linkActsUntil(cs)) return null;
  return { role: invite.role, name: invite.name };
}

/** What the policy says of this asker doing `action` on the session's comments. */
export function allows(
  action: PolicyAction,
  asker: CommentAsker | null,
  { session }: CommentSession,
): PolicyDecision {
  return decide(action, {
    role: asker?.role ?? 'public',
    status: session.status,
    publicComments: session.public_comments === 1,
  });
}
