import { Router } from 'express';
import type { InviteInfo } from '../../shared/protocol.js';
import { closedLink } from '../invites/closed.js';
import { LINK_MESSAGES, resolveInvite } from '../invites/resolve.js';
import { LinkError, type LinkSigner } from '../invites/tokens.js';
import { toSummary, type Repo } from '../store/repo.js';
import { sendError } from './errors.js';

/** GET /api/join/:token: who a personal link is for, so the pre-join page can greet them. */
export function createJoinRouter(deps: { repo: Repo; signer: LinkSigner; now: () => Date }): Router {
  const router = Router();
  router.get('/join/:token', async (req, res) => {
    try {
      const { invite, session } = await resolveInvite(deps.signer, deps.repo, req.params.token, deps.now());
      const info: InviteInfo = {
        inviteId: invite.id,
        name: invite.name,
        role: invite.role,
        session: toSummary(session),
      };
      res.set('Cache-Control', 'no-store').json(info);
    } catch (err) {
      if (!(err instanceof LinkError)) throw err;
      const m = LINK_MESSAGES[err.problem];
      // A link of an ended session (or withdrawn, or cancelled) still opens its end page.
      const closed = (await closedLink(deps, req.params.token, deps.now())) ?? undefined;
      res.set('Cache-Control', 'no-store');
      sendError(res, m.status, `link-${err.problem}`, `${m.title}. ${m.detail}`, closed && { closed });
    }
  });
  return router;
}
