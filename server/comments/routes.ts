import { Router } from 'express';
import type { CommentRepo } from '../store/commentRepo.js';
import type { AccessDeps } from './access.js';
import { createCommentFileRouter } from './fileRoute.js';
import { createModerationRouter } from './moderationRoutes.js';
import { createPublicCommentRouter } from './publicRoutes.js';
import type { CommentService } from './service.js';
import type { CommentStorage } from './storage.js';

/** What the comment routes share: made once in createApp. */
export interface CommentParts {
  service: CommentService;
  repo: CommentRepo;
  storage: CommentStorage;
}

/**
 * Every comment route (server/comments/SPEC.md). Mounted before the organizer's routers, whose
 * `/sessions` paths take the organizer only: moderators moderate with their link here (A31).
 */
export function createCommentRouter(parts: CommentParts, access: AccessDeps): Router {
  const router = Router();
  const { service, repo: comments, storage } = parts;
  router.use(createPublicCommentRouter({ service, storage }));
  router.use(createModerationRouter({ service, comments, access, now: access.now }));
  router.use(createCommentFileRouter({ service, comments, storage, access }));
  return router;
}
