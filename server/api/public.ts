import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { recordsQuerySchema } from '../../shared/records.js';
import { idSchema } from '../../shared/schemas.js';
import { registrationSchema, type RegistrationReceipt } from '../../shared/sessions.js';
import type { RecordService } from '../sessions/recordService.js';
import type { RegistrationService } from '../sessions/registration.js';
import type { Repo } from '../store/repo.js';
import { parseOr400, sendError } from './errors.js';

const recordQuery = z.object({ format: z.enum(['json', 'md', 'html']).default('json') }).strict();
const RECORD_TYPES = { json: 'application/json', md: 'text/markdown', html: 'text/html' } as const;
const REGISTRATIONS_PER_MINUTE = 30;
export const REGISTRATION_RECEIPT =
  'We sent your link to that address. Follow it to join, confirm, change or cancel your registration.';

export interface PublicDeps {
  repo: Repo;
  registration: RegistrationService;
  records: RecordService;
  now: () => Date;
}

/** What anyone may see and do: upcoming sessions, registering, published records and their list. */
export function createPublicRouter(deps: PublicDeps): Router {
  const router = Router();

  router.get('/public/sessions', async (_req, res) => {
    const now = deps.now().getTime();
    const upcoming = (await deps.repo.listSessions()).filter(
      (s) => Date.parse(s.ends_at) > now && s.status !== 'ended' && s.status !== 'cancelled',
    );
    res.json(await Promise.all(upcoming.map((s) => deps.registration.publicSession(s))));
  });

  router.get('/public/sessions/:id', async (req, res) => {
    // A malformed id has had its 400: answering again would throw (headers already sent).
    const id = parseOr400(res, idSchema, req.params.id);
    if (!id) return;
    const session = await deps.repo.getSession(id);
    if (!session) return sendError(res, 404, 'not-found', 'No session with this id.');
    res.json(await deps.registration.publicSession(session));
  });

  // Each registration sends a mail to the address given: a tighter limit than the API's, so nobody
  // can use the form to flood a stranger's inbox (one hall behind one address still fits).
  const registering = rateLimit({
    windowMs: 60_000,
    limit: REGISTRATIONS_PER_MINUTE,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // A refused form sends no mail: the forms leave their checking to the server, and a hall behind
    // one address correcting its mistakes must not use up its registrations.
    skipFailedRequests: true,
    handler: (_req, res) =>
      sendError(
        res,
        429,
        'too-many-requests',
        'Too many registrations from this address. Try again in a minute.',
      ),
  });

  // R1-R3: one answer for a new registration and for a repeat of a known email; the links go by email.
  router.post('/public/sessions/:id/registrations', registering, async (req, res) => {
    const id = parseOr400(res, idSchema, req.params.id);
    const input = id && parseOr400(res, registrationSchema, req.body);
    if (!id || !input) return;
    const outcome = await deps.registration.register(id, input);
    if (!outcome.ok) return sendError(res, outcome.status, outcome.error, outcome.message);
    const receipt: RegistrationReceipt = { message: REGISTRATION_RECEIPT };
    res.status(202).set('Cache-Control', 'no-store').json(receipt);
  });

  // Published records stay listed: past sessions remain findable once they leave the upcoming list.
  router.get('/public/records', async (req, res) => {
    const query = parseOr400(res, recordsQuerySchema, req.query);
    if (!query) return;
    res.json(await deps.records.list(query));
  });

  router.get('/public/sessions/:id/record', async (req, res) => {
    const id = parseOr400(res, idSchema, req.params.id);
    const query = id && parseOr400(res, recordQuery, req.query);
    if (!id || !query) return;
    const record = await deps.records.published(id);
    if (!record) return sendError(res, 404, 'not-found', 'No published record for this session.');
    const body = deps.records.render(record, query.format);
    res.type(RECORD_TYPES[query.format]);
    if (query.format !== 'html') {
      res.set('Content-Disposition', `attachment; filename="record-${id}.${query.format}"`);
    }
    res.send(body);
  });

  return router;
}
