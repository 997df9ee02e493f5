import { Router } from 'express';
import { z } from 'zod';
import { idSchema } from '../../shared/schemas.js';
import { registrationSchema } from '../../shared/sessions.js';
import { sessionCalendar } from '../sessions/calendar.js';
import type { RecordService } from '../sessions/recordService.js';
import type { RegistrationService } from '../sessions/registration.js';
import type { Repo } from '../store/repo.js';
import { parseOr400, sendError } from './errors.js';

const recordQuery = z.object({ format: z.enum(['json', 'md', 'html']).default('json') }).strict();
const RECORD_TYPES = { json: 'application/json', md: 'text/markdown', html: 'text/html' } as const;

export interface PublicDeps {
  repo: Repo;
  registration: RegistrationService;
  records: RecordService;
  now: () => Date;
}

/** What anyone may see and do: upcoming sessions, registering, the calendar file, published records. */
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

  router.post('/public/sessions/:id/registrations', async (req, res) => {
    const id = parseOr400(res, idSchema, req.params.id);
    const input = id && parseOr400(res, registrationSchema, req.body);
    if (!id || !input) return;
    const outcome = await deps.registration.register(id, input);
    if (!outcome.ok) return sendError(res, outcome.status, outcome.error, outcome.message);
    res.status(outcome.result.updated ? 200 : 201).json(outcome.result);
  });

  router.get('/public/registrations/:id/calendar.ics', async (req, res) => {
    const id = parseOr400(res, idSchema, req.params.id);
    if (!id) return;
    const found = await deps.registration.calendarOf(id);
    if (!found) return sendError(res, 404, 'not-found', 'No registration with this id.');
    const { session, joinUrl } = found;
    const calendar = sessionCalendar(
      {
        id: session.id,
        title: session.title,
        description: session.description,
        startsAt: session.starts_at,
        endsAt: session.ends_at,
      },
      joinUrl,
    );
    res
      .type('text/calendar; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="openfloor-${session.id}.ics"`)
      .set('Cache-Control', 'no-store')
      .send(calendar);
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
