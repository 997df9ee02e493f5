import { Router, type Request } from 'express';
import { z } from 'zod';
import { DEFAULT_CAPTION_LANG, langSchema } from '../../shared/captions.js';
import { idSchema } from '../../shared/schemas.js';
import { parseOr400, sendError } from '../api/errors.js';
import type { LinkSigner } from '../invites/tokens.js';
import type { Repo } from '../store/repo.js';
import type { CaptionService } from './service.js';
import { linkReadsTranscript, TRANSCRIPT_AFTER_END_MS } from './transcriptAccess.js';
import { formatTranscript, TRANSCRIPT_FORMATS, TRANSCRIPT_MEDIA_TYPES } from './transcript.js';

const querySchema = z.object({
  format: z.enum(TRANSCRIPT_FORMATS).default('txt'),
  lang: langSchema.default(DEFAULT_CAPTION_LANG),
  token: z.string().max(2048).optional(),
});
const TRANSCRIPT_MAX_LINES = 100_000;
const REFUSED =
  'A join link of this session or the organizer token is needed. After the session, the links of ' +
  `those who were in the room open its transcript for ${TRANSCRIPT_AFTER_END_MS / 86_400_000} days.`;

export interface TranscriptDeps {
  repo: Repo;
  signer: LinkSigner;
  captions: CaptionService;
  now: () => Date;
  isOrganizer: (req: Request) => Promise<boolean>;
}

/**
 * GET /api/transcripts/:sessionId?format=txt|vtt|srt&lang=: for the organizer, or with a link of
 * the session as policy A24 allows (during the session, and for a while after it for those who
 * were in the room).
 */
export function createTranscriptRouter(deps: TranscriptDeps): Router {
  const router = Router();
  router.get('/transcripts/:sessionId', async (req, res) => {
    const sessionId = parseOr400(res, idSchema, req.params.sessionId);
    const query = sessionId && parseOr400(res, querySchema, req.query);
    if (!sessionId || !query) return;
    const allowed =
      (await deps.isOrganizer(req)) ||
      (query.token !== undefined && (await linkReadsTranscript(deps, query.token, sessionId, deps.now())));
    if (!allowed) return sendError(res, 403, 'forbidden', REFUSED);
    const session = await deps.repo.getSession(sessionId);
    if (!session) return sendError(res, 404, 'not-found', 'No session with this id.');
    const lines = (await deps.captions.linesAfter(sessionId, 0, TRANSCRIPT_MAX_LINES)).filter(
      // C17: a line taken back (corrected to nothing) is in no transcript.
      (l) => l.lang === query.lang && l.text !== '',
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
