import { Router, type Request, type Response } from 'express';
import {
  commentSettingsSchema,
  moderationDecisionSchema,
  moderationQuerySchema,
} from '../../shared/comments.js';
import { idSchema } from '../../shared/schemas.js';
import { parseOr400, sendError } from '../api/errors.js';
import type { PolicyAction } from '../policy/policy.js';
import type { CommentRepo } from '../store/commentRepo.js';
import { allows, askerOf, type AccessDeps, type CommentAsker } from './access.js';
import type { CommentService, CommentSession } from './service.js';

export interface ModerationDeps {
  service: CommentService;
  comments: CommentRepo;
  access: AccessDeps;
  now: () => Date;
}

const UNKNOWN_ASKER =
  'Sign in as the organizer, or send a moderator’s link of this session as a Bearer token.';

/** The organizer's comment settings (A30) and the moderation of comments (A31, W7, W8). */
export function createModerationRouter(deps: ModerationDeps): Router {
  const router = Router();
  const { service } = deps;

  /** The session, who asks, and whether the policy lets them do `action`; answered when not. */
  async function gate(
    req: Request,
    res: Response,
    action: PolicyAction,
    queryToken?: string,
  ): Promise<{ cs: CommentSession; asker: CommentAsker } | undefined> {
    const id = parseOr400(res, idSchema, req.params.id);
    if (!id) return undefined;
    const cs = await service.load(id);
    if (!cs) return void sendError(res, 404, 'not-found', 'No session with this id.');
    const asker = await askerOf(deps.access, req, cs, queryToken);
    if (!asker) {
      res.set('WWW-Authenticate', 'Bearer realm="openfloor"');
      return void sendError(res, 401, 'unauthorized', UNKNOWN_ASKER);
    }
    const decision = allows(action, asker, cs);
    if (!decision.ok) {
      return void sendError(
        res,
        decision.reason === 'forbidden' ? 403 : 409,
        decision.reason,
        decision.message,
      );
    }
    return { cs, asker };
  }

  router.put('/sessions/:id/comment-settings', async (req, res) => {
    const held = await gate(req, res, 'comments:configure');
    const settings = held && parseOr400(res, commentSettingsSchema, req.body);
    if (!held || !settings) return;
    await deps.comments.saveSettings(held.cs.session.id, settings, deps.now());
    res.json(service.publicSettings((await service.load(held.cs.session.id))!));
  });

  router.get('/sessions/:id/comments', async (req, res) => {
    const query = parseOr400(res, moderationQuerySchema, req.query);
    const held = query && (await gate(req, res, 'comments:moderate', query.token));
    if (!query || !held) return;
    const [comments, counts] = await Promise.all([
      service.list(held.cs.session.id, query.status),
      service.countByStatus(held.cs.session.id),
    ]);
    res.set('Cache-Control', 'no-store').json({ comments, counts });
  });

  router.post('/sessions/:id/comments/:commentId/decision', async (req, res) => {
    const held = await gate(req, res, 'comments:moderate');
    const commentId = held && parseOr400(res, idSchema, req.params.commentId);
    const decision = commentId && parseOr400(res, moderationDecisionSchema, req.body);
    if (!held || !commentId || !decision) return;
    const outcome = await service.moderate(held.cs, commentId, decision, held.asker.name);
    if (!outcome.ok) return sendError(res, outcome.status, outcome.error, outcome.message);
    res.json(outcome.comment);
  });

  return router;
}
