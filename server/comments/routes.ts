import { Router } from 'express';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Mailer } from '../email/mailer.js';
import { createLogger } from '../log.js';
import { createCommentRepo, type CommentRepo } from '../store/commentRepo.js';
import type { Db } from '../store/db.js';
import type { Repo } from '../store/repo.js';
import type { AccessDeps } from './access.js';
import { createCommentMail, type CommentMail } from './mail.js';
import { createCommentFileRouter } from './fileRoute.js';
import { createModerationRouter } from './moderationRoutes.js';
import { createPublicCommentRouter } from './publicRoutes.js';
import { createCommentService, type CommentService } from './service.js';
import { createFileStorage, type CommentStorage } from './storage.js';

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

export interface CommentWiring {
  db: Db;
  repo: Repo;
  mailer: Mailer;
  publicUrl: () => string;
  now: () => Date;
  /** Where the files go (main.ts: DATA_DIR/comments); absent: a temporary folder (tests, benchmarks). */
  storage?: CommentStorage;
}

/** The comment parts of an app, and their mail (whose sending a shutdown waits for). */
export function createCommentParts(o: CommentWiring): { parts: CommentParts; mail: CommentMail } {
  const mail = createCommentMail({ mailer: o.mailer, publicUrl: o.publicUrl, log: createLogger('mail') });
  const repo = createCommentRepo(o.db);
  const storage = o.storage ?? createFileStorage(mkdtempSync(join(tmpdir(), 'openfloor-comments-')));
  const service = createCommentService({ repo: o.repo, comments: repo, storage, mail, now: o.now });
  return { parts: { service, repo, storage }, mail };
}
