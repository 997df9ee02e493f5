import { Router, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENTS_MAX,
  CAPTIONS_MAX_BYTES,
  COMMENT_RECEIPT,
  videoCommentSchema,
  videoMaxBytes,
  writtenCommentSchema,
  type CommentKind,
  type CommentReceipt,
  type CommentRules,
} from '../../shared/comments.js';
import { idSchema } from '../../shared/schemas.js';
import { parseOr400, sendError } from '../api/errors.js';
import { rulesOf, type CommentService, type CommentSession } from './service.js';
import type { CommentStorage } from './storage.js';
import { discard, readCommentForm, type FileField, type StoredUpload } from './uploads.js';
import { measureVideo } from './videoLength.js';

/** Comments taken from one client address a minute (W11), like registrations: a hall fits, a flood does not. */
export const COMMENTS_PER_MINUTE = 20;

export interface PublicCommentDeps {
  service: CommentService;
  storage: CommentStorage;
}

/** The file fields of each kind of comment, as the session's settings size them. */
function fileFieldsOf(kind: CommentKind, rules: CommentRules): FileField[] {
  if (kind === 'written') {
    return [
      { field: 'attachments', role: 'attachment', maxCount: ATTACHMENTS_MAX, maxBytes: ATTACHMENT_MAX_BYTES },
    ];
  }
  return [
    { field: 'video', role: 'video', maxCount: 1, maxBytes: videoMaxBytes(rules.videoMaxSeconds) },
    { field: 'captions', role: 'captions', maxCount: 1, maxBytes: CAPTIONS_MAX_BYTES },
  ];
}

/** The comment page's reads and the two ways to comment (W1-W6, W11; policy A32). */
export function createPublicCommentRouter(deps: PublicCommentDeps): Router {
  const router = Router();
  const { service } = deps;

  const sessionOr404 = async (res: Response, rawId: string): Promise<CommentSession | undefined> => {
    const id = parseOr400(res, idSchema, rawId);
    const cs = id && (await service.load(id));
    if (id && !cs) sendError(res, 404, 'not-found', 'No session with this id.');
    return cs || undefined;
  };

  router.get('/public/sessions/:id/comments', async (req, res) => {
    const cs = await sessionOr404(res, req.params.id);
    if (!cs) return;
    res.set('Cache-Control', 'no-store').json(service.publicSettings(cs));
  });

  const commenting = rateLimit({
    windowMs: 60_000,
    limit: COMMENTS_PER_MINUTE,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // A refused comment stores nothing: correcting a mistake must not use up the address's comments.
    skipFailedRequests: true,
    handler: (_req, res) =>
      sendError(res, 429, 'too-many-requests', 'Too many comments from this address. Try again in a minute.'),
  });

  /** W15: the video's length read from the file as stored and held to the limit, or refused. */
  async function measured(res: Response, uploads: StoredUpload[], rules: CommentRules): Promise<boolean> {
    const video = uploads.find((u) => u.role === 'video')!;
    const seconds = await measureVideo(deps.storage, video, rules.videoMaxSeconds).catch(
      async (err: unknown) => {
        // The storage failed while the video was read: nothing of the comment stays behind either.
        await discard(deps.storage, uploads).catch(() => undefined);
        throw err;
      },
    );
    if (typeof seconds === 'number') {
      video.seconds = seconds;
      return true;
    }
    await discard(deps.storage, uploads);
    sendError(res, seconds.status, seconds.error, seconds.message, {
      issues: [{ path: 'video', message: seconds.message }],
    });
    return false;
  }

  async function receive(kind: CommentKind, req: Request, res: Response) {
    const cs = await sessionOr404(res, req.params.id as string);
    if (!cs) return;
    // A32, decided when the comment arrives, before a byte of it is read: an upload that began
    // inside the period is taken, however long it takes.
    const decision = service.mayComment(cs);
    if (!decision.ok) {
      res.set('Connection', 'close');
      return sendError(res, decision.reason === 'forbidden' ? 403 : 409, decision.reason, decision.message);
    }
    const rules = rulesOf(cs);
    const uploads = await readCommentForm(req, res, deps.storage, fileFieldsOf(kind, rules));
    if (!uploads) return;
    const schema = kind === 'written' ? writtenCommentSchema(rules) : videoCommentSchema(rules);
    const fields = { ...(req.body as object) };
    const parsed = schema.safeParse(fields);
    const noVideo = kind === 'video' && !uploads.some((u) => u.role === 'video');
    if (!parsed.success || noVideo) {
      // The files go before the answer: whoever reads it finds nothing of the comment stored.
      await discard(deps.storage, uploads);
      if (!parsed.success) return void parseOr400(res, schema, fields);
      return sendError(res, 400, 'invalid-request', 'video: Attach the video (WebM or MP4).', {
        issues: [{ path: 'video', message: 'Attach the video (WebM or MP4).' }],
      });
    }
    if (kind === 'video' && !(await measured(res, uploads, rules))) return;
    const comment = await service.submit(cs.session.id, kind, parsed.data, uploads);
    const receipt: CommentReceipt = { number: comment.number, message: COMMENT_RECEIPT };
    res.status(201).set('Cache-Control', 'no-store').json(receipt);
  }

  router.post('/public/sessions/:id/comments/written', commenting, (req, res) =>
    receive('written', req, res),
  );
  router.post('/public/sessions/:id/comments/video', commenting, (req, res) => receive('video', req, res));

  return router;
}
