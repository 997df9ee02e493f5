import { Router } from 'express';
import { createInviteSchema, createSessionSchema, idSchema } from '../../shared/schemas.js';
import { startAsHostSchema } from '../../shared/sessions.js';
import type { CaptionUrls } from '../captions/captionUrl.js';
import { startAsHost } from '../invites/host.js';
import type { LinkSigner } from '../invites/tokens.js';
import { decide, organizerOn } from '../policy/policy.js';
import { toSummary, type Repo } from '../store/repo.js';
import { parseOr400, sendError } from './errors.js';
import type { OrganizerAuth } from './organizerAuth.js';

export interface OrganizerDeps {
  auth: OrganizerAuth;
  repo: Repo;
  signer: LinkSigner;
  /** Signs the caption URL that captioning software posts to (captioner invites only). */
  captionUrl: CaptionUrls;
  publicUrl: () => string;
  now: () => Date;
  /** Called after an invite is revoked, to disconnect whoever is using it. */
  onInviteRevoked: (sessionId: string, inviteId: string) => Promise<void>;
}

/** The organizer API: sessions and personal join links. */
export function createOrganizerRouter(deps: OrganizerDeps): Router {
  const router = Router();
  router.use('/sessions', deps.auth.requireOrganizer);

  router.post('/sessions', async (req, res) => {
    const input = parseOr400(res, createSessionSchema, req.body);
    if (!input) return;
    const session = await deps.repo.createSession(input, deps.now());
    res.status(201).location(`/api/sessions/${session.id}`).json(toSummary(session));
  });

  router.get('/sessions/:id', async (req, res) => {
    const id = parseOr400(res, idSchema, req.params.id);
    if (!id) return;
    const session = await deps.repo.getSession(id);
    if (!session) return sendError(res, 404, 'not-found', 'No session with this id.');
    res.json(toSummary(session));
  });

  router.post('/sessions/:id/invites', async (req, res) => {
    const id = parseOr400(res, idSchema, req.params.id);
    const input = id && parseOr400(res, createInviteSchema, req.body);
    if (!id || !input) return;
    const session = await deps.repo.getSession(id);
    if (!session) return sendError(res, 404, 'not-found', 'No session with this id.');
    const now = deps.now();
    const decision = decide('staff:invite', organizerOn(session));
    if (!decision.ok) return sendError(res, 409, decision.reason, decision.message);
    if (Date.parse(session.ends_at) <= now.getTime()) {
      return sendError(res, 409, 'session-ended', 'This session has ended; its links would be expired.');
    }
    const language = input.language ?? null;
    const invite = await deps.repo.createInvite(id, input.role, input.name, session.ends_at, now, language);
    const expires = new Date(session.ends_at);
    const token = await deps.signer.sign(invite.id, expires);
    const captionUrl =
      invite.role === 'captioner' ? await deps.captionUrl(id, invite.id, expires) : undefined;
    res.status(201).json({
      id: invite.id,
      role: invite.role,
      name: invite.name,
      ...(language ? { language } : {}),
      expiresAt: invite.expires_at,
      url: `${deps.publicUrl()}/join/${token}`,
      ...(captionUrl ? { captionUrl } : {}),
    });
  });

  // Start as host: the organizer's own moderator link, made once and reused (A23).
  router.post('/sessions/:id/host', async (req, res) => {
    const id = parseOr400(res, idSchema, req.params.id);
    const input = id && parseOr400(res, startAsHostSchema, req.body ?? {});
    if (!id || !input) return;
    const session = await deps.repo.getSession(id);
    if (!session) return sendError(res, 404, 'not-found', 'No session with this id.');
    const outcome = await startAsHost(deps, session, deps.now());
    if (!outcome.ok) return sendError(res, 409, outcome.reason, outcome.message);
    res
      .status(outcome.link.created ? 201 : 200)
      .set('Cache-Control', 'no-store')
      .json(outcome.link);
  });

  router.delete('/sessions/:id/invites/:inviteId', async (req, res) => {
    const id = parseOr400(res, idSchema, req.params.id);
    const inviteId = id && parseOr400(res, idSchema, req.params.inviteId);
    if (!id || !inviteId) return;
    if (!(await deps.repo.revokeInvite(id, inviteId, deps.now()))) {
      return sendError(res, 404, 'not-found', 'No active invite with this id in this session.');
    }
    await deps.onInviteRevoked(id, inviteId);
    res.status(204).end();
  });

  return router;
}
