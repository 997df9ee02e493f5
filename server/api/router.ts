import type { Router } from 'express';
import express from 'express';
import { rateLimit } from 'express-rate-limit';
import { createIngestRouter } from '../captions/ingest.js';
import { createCommentRouter, type CommentParts } from '../comments/routes.js';
import type { CaptionUrls } from '../captions/captionUrl.js';
import type { CaptionService } from '../captions/service.js';
import { createTranscriptRouter } from '../captions/transcriptRoute.js';
import type { LinkSigner } from '../invites/tokens.js';
import type { MediaEffects } from '../livekit/effects.js';
import type { MediaService } from '../livekit/media.js';
import { createLiveKitWebhookRouter } from '../livekit/webhook.js';
import { createLogger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { QueueService } from '../queue/service.js';
import type { LifecycleAction, LifecycleResult } from '../sessions/lifecycle.js';
import type { RegistrationLinks } from '../sessions/links.js';
import type { ManageService } from '../sessions/manage.js';
import { createRecordCommentsRouter } from '../sessions/recordCommentsRoute.js';
import type { RecordService } from '../sessions/recordService.js';
import type { RegistrationService } from '../sessions/registration.js';
import type { RegistrationRepo } from '../store/registrationRepo.js';
import type { Repo } from '../store/repo.js';
import { apiErrorHandler, sendError } from './errors.js';
import { createJoinRouter } from './join.js';
import { buildOpenApi } from './openapi.js';
import { createOrganizerRouter } from './organizer.js';
import type { OrganizerAuth } from './organizerAuth.js';
import { createPublicRouter } from './public.js';
import { createManageRouter } from './manage.js';
import { createSessionsAdminRouter } from './sessionsAdmin.js';

export interface ApiDeps {
  repo: Repo;
  registrations: RegistrationRepo;
  registration: RegistrationService;
  records: RecordService;
  manage: ManageService;
  links: RegistrationLinks;
  signer: LinkSigner;
  /** Signs and checks caption ingest URLs (their own audience). */
  captionSigner: LinkSigner;
  captions: CaptionService;
  queue: QueueService;
  media: MediaService | null;
  effects: MediaEffects | null;
  metrics: Metrics;
  auth: OrganizerAuth;
  captionUrl: CaptionUrls;
  publicUrl: () => string;
  now: () => Date;
  speakerFor: (sessionId: string) => Promise<string>;
  onInviteRevoked: (sessionId: string, inviteId: string) => Promise<void>;
  /** Moves a session through its lifecycle as the organizer (the room hears it too). */
  advance: (sessionId: string, action: LifecycleAction) => Promise<LifecycleResult>;
  /** API requests one address may make per minute. */
  requestsPerMinute: number;
  /** The comments of the public: their service, store and file storage (issue 16). */
  comments: CommentParts;
}

/** Everything under /api, in the order the requests must meet it. */
export function createApiRouter(deps: ApiDeps): Router {
  const { repo, signer, captions, now, auth: organizerAuth } = deps;
  const api = express.Router();
  // Caption ingest first: it has its own per-link limit and reads text/plain bodies.
  api.use(
    createIngestRouter({
      repo,
      signer: deps.captionSigner,
      captions,
      now,
      speakerFor: deps.speakerFor,
      onPost: deps.metrics.ingestAnswered,
    }),
  );
  if (deps.media && deps.effects) {
    const log = createLogger('livekit');
    api.use(
      createLiveKitWebhookRouter({
        media: deps.media,
        effects: deps.effects,
        repo,
        queue: deps.queue,
        now,
        log,
      }),
    );
  }
  api.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.requestsPerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
    }),
  );
  api.use(express.json({ limit: '32kb' }));
  api.get('/openapi.json', (_req, res) => res.json(buildOpenApi(deps.publicUrl())));
  api.use(organizerAuth.router);
  api.use(createJoinRouter({ repo, signer, now }));
  api.use(
    createTranscriptRouter({
      repo,
      signer,
      captions,
      now,
      isOrganizer: organizerAuth.isOrganizer,
    }),
  );
  // Before the organizer's routers: their `/sessions` paths take the organizer only (A31).
  api.use(createCommentRouter(deps.comments, { repo, signer, isOrganizer: organizerAuth.isOrganizer, now }));
  api.use(
    createOrganizerRouter({
      auth: organizerAuth,
      repo,
      signer,
      captionUrl: deps.captionUrl,
      publicUrl: deps.publicUrl,
      now,
      onInviteRevoked: deps.onInviteRevoked,
    }),
  );
  api.use(createPublicRouter({ repo, registration: deps.registration, records: deps.records, now }));
  api.use(createRecordCommentsRouter({ records: deps.records }));
  api.use(createManageRouter({ manage: deps.manage, links: deps.links }));
  api.use(
    createSessionsAdminRouter({
      auth: organizerAuth,
      repo,
      registrations: deps.registrations,
      registration: deps.registration,
      records: deps.records,
      signer,
      captionUrl: deps.captionUrl,
      publicUrl: deps.publicUrl,
      advance: deps.advance,
    }),
  );
  api.use((_req, res) => sendError(res, 404, 'not-found', 'No such API endpoint.'));
  api.use(apiErrorHandler);
  return api;
}
