import express, { Router, type RequestHandler, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { CAPTION_POST_MAX_BYTES, DEFAULT_CAPTION_LANG, langSchema } from '../../shared/captions.js';
import { idSchema } from '../../shared/schemas.js';
import { checkInvite } from '../invites/resolve.js';
import { LinkError, type LinkSigner } from '../invites/tokens.js';
import { decide } from '../policy/policy.js';
import type { Repo } from '../store/repo.js';
import type { CaptionService, IngestOutcome } from './service.js';

export interface IngestDeps {
  repo: Repo;
  signer: LinkSigner;
  captions: CaptionService;
  now: () => Date;
  /** The name a line carries: whoever holds the floor now. */
  speakerFor: (sessionId: string) => Promise<string>;
  /** Told of every POST once answered (the node's metrics): what became of it, and the status. */
  onPost?: (outcome: IngestOutcome | 'refused' | 'error', status: number) => void;
}

/** Caption POSTs one captioner link may make per second before answering 429. */
export const CAPTION_POSTS_PER_SECOND = 20;

const querySchema = z.object({
  token: z.string().min(1).max(2048),
  seq: z.coerce.number().int().nonnegative().optional(),
  lang: langSchema.default(DEFAULT_CAPTION_LANG),
});

const plain = (res: Response, status: number, text: string) =>
  res.status(status).type('text/plain').send(text);

/**
 * The captioner behind a caption URL and whether the policy lets them write now (A16), or null for
 * a bad, revoked or foreign link: every refusal looks the same from outside.
 */
async function captionerFor(deps: IngestDeps, req: Request) {
  const sessionId = idSchema.safeParse(req.params.sessionId);
  const token = typeof req.query.token === 'string' ? req.query.token : '';
  if (!sessionId.success || !token) return null;
  try {
    const now = deps.now();
    const { invite, session } = await checkInvite(deps.repo, await deps.signer.verify(token, now), now);
    if (session.id !== sessionId.data) return null;
    const subject = {
      role: invite.role,
      status: session.status,
      publicComments: session.public_comments === 1,
    };
    return { invite, decision: decide('caption:write', subject) };
  } catch (err) {
    if (err instanceof LinkError) return null;
    throw err;
  }
}

/** Tells `onPost` how each POST was answered, refusals (the rate limit's too) and failures included. */
function observePosts(onPost: NonNullable<IngestDeps['onPost']>): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'POST') {
      res.once('finish', () => {
        const status = res.statusCode;
        const ingested = res.locals.ingested as IngestOutcome | undefined;
        onPost(status >= 500 ? 'error' : (ingested ?? 'refused'), status);
      });
    }
    next();
  };
}

/**
 * Caption ingest compatible with Zoom's closed-caption API, so CART software that posts to Zoom
 * posts here unchanged: POST text/plain with ?token=&seq=&lang=, GET .../seq for the last seq.
 */
export function createIngestRouter(deps: IngestDeps): Router {
  const router = Router();
  const limiter = rateLimit({
    windowMs: 1000,
    limit: CAPTION_POSTS_PER_SECOND,
    keyGenerator: (req) =>
      typeof req.query.token === 'string' ? req.query.token : ipKeyGenerator(req.ip ?? ''),
    handler: (_req, res) => plain(res, 429, 'Too many caption posts; slow down.'),
  });

  router.get('/captions/:sessionId/seq', limiter, async (req, res) => {
    const found = await captionerFor(deps, req);
    if (!found || found.invite.role !== 'captioner')
      return plain(res, 403, 'Missing or invalid caption token.');
    plain(res, 200, String((await deps.captions.lastIngestSeq(found.invite.id)) ?? 0));
  });

  if (deps.onPost) router.all('/captions/:sessionId', observePosts(deps.onPost));
  router.all(
    '/captions/:sessionId',
    limiter,
    express.text({ type: () => true, limit: CAPTION_POST_MAX_BYTES }),
  );
  router.all('/captions/:sessionId', async (req, res) => {
    if (req.method !== 'POST')
      return res.set('Allow', 'POST').status(405).type('text/plain').send('Use POST.');
    const found = await captionerFor(deps, req);
    const query = querySchema.safeParse(req.query);
    if (!found || !query.success || query.data.seq === undefined) {
      return plain(res, 403, 'Missing or invalid caption token or seq.');
    }
    // Captions flow from the lobby on (the lobby shows them), until the session ends.
    if (!found.decision.ok)
      return plain(res, found.decision.reason === 'forbidden' ? 403 : 400, found.decision.message);
    const invite = found.invite;
    const text = typeof req.body === 'string' ? req.body : '';
    const speaker = await deps.speakerFor(invite.session_id);
    const outcome = await deps.captions.ingest(
      invite.session_id,
      invite.id,
      query.data.seq,
      query.data.lang,
      text,
      speaker,
    );
    // A26: another captioner holds the pen; nothing was stored, the software may send it again later.
    if (typeof outcome !== 'string') return plain(res, 409, outcome.message);
    res.locals.ingested = outcome;
    plain(res, 200, 'OK');
  });
  return router;
}
