import { Router, type Request } from 'express';
import { z } from 'zod';
import { DEFAULT_CAPTION_LANG, langSchema } from '../../shared/captions.js';
import { idSchema } from '../../shared/schemas.js';
import { parseOr400, sendError } from '../api/errors.js';
import { resolveInvite } from '../invites/resolve.js';
import type { LinkSigner } from '../invites/tokens.js';
import { decide } from '../policy/policy.js';
import type { Repo } from '../store/repo.js';
import type { CaptionService } from './service.js';
import { formatTranscript, TRANSCRIPT_FORMATS, TRANSCRIPT_MEDIA_TYPES } from './transcript.js';

const querySchema = z.object({
  format: z.enum(TRANSCRIPT_FORMATS).default('txt'),
  lang: langSchema.default(DEFAULT_CAPTION_LANG),
  token: z.string().max(2048).optional(),
});
const TRANSCRIPT_MAX_LINES = 100_000;

export interface TranscriptDeps {
  repo: Repo;
  signer: LinkSigner;
  captions: CaptionService;
  now: () => Date;
  isOrganizer: (req: Request) => Promise<boolean>;
}

/** GET /api/transcripts/:sessionId?format=txt|vtt|srt&lang=: for the organizer or anyone with a link. */
export function createTranscriptRouter(deps: TranscriptDeps): Router {
  const router = Router();
  router.get('/transcripts/:sessionId', async (req, res) => {
    const sessionId = parseOr400(res, idSchema, req.params.sessionId);
    const query = sessionId && parseOr400(res, querySchema, req.query);
    if (!sessionId || !query) return;
    let allowed = await deps.isOrganizer(req);
    if (!allowed && query.token) {
      const link = await resolveInvite(deps.signer, deps.repo, query.token, deps.now()).catch(() => null);
      // Reading the transcript is reading the captions (A2): anyone with a link, while it works.
      allowed =
        link?.session.id === sessionId &&
        decide('caption:read', {
          role: link.invite.role,
          status: link.session.status,
          publicComments: link.session.public_comments === 1,
        }).ok;
    }
    if (!allowed)
      return sendError(
        res,
        403,
        'forbidden',
        'A join link of this session or the organizer token is needed.',
      );
    const session = await deps.repo.getSession(sessionId);
    if (!session) return sendError(res, 404, 'not-found', 'No session with this id.');
    const lines = (await deps.captions.linesAfter(sessionId, 0, TRANSCRIPT_MAX_LINES)).filter(
      (l) => l.lang === query.lang,
    );
    res
      .type(TRANSCRIPT_MEDIA_TYPES[query.format])
      .set(
        'Content-Disposition',
        `attachment; filename="transcript-${sessionId}-${query.lang}.${query.format}"`,
      )
      .set('Cache-Control', 'no-store')
      .send(formatTranscript(query.format, lines, Date.parse(session.starts_at)));
  });
  return router;
}
