import { Router, type Response } from 'express';
import { z } from 'zod';
import { registrationChangeSchema } from '../../shared/sessions.js';
import { LinkError } from '../invites/tokens.js';
import { calendarOf } from '../sessions/calendar.js';
import type { Managed, ManageService } from '../sessions/manage.js';
import type { RegistrationLinks } from '../sessions/links.js';
import { parseOr400, sendError } from './errors.js';

// A compact JWS: three base64url parts. Anything else is refused before the signature is checked.
const tokenSchema = z
  .string()
  .max(2048)
  .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'This link is not valid.');

const LINK_PROBLEMS: Record<LinkError['problem'], [number, string]> = {
  malformed: [400, 'This link is incomplete or was changed. Copy the whole link from your email.'],
  'bad-signature': [403, 'This link was not issued by this server. Use the link from your email.'],
  expired: [410, 'This link has expired: links stop working when the session ends.'],
  revoked: [410, 'This registration was cancelled. You can register again from the session page.'],
  cancelled: [410, 'The organizer cancelled this session.'],
  unknown: [404, 'No registration for this link.'],
};

/** The registrant's private link (R9-R11): read, confirm, change, cancel, and the calendar file. */
export function createManageRouter(deps: { manage: ManageService; links: RegistrationLinks }): Router {
  const router = Router();
  const base = '/public/registrations/manage/:token';

  async function resolved(res: Response, raw: string): Promise<Managed | undefined> {
    const token = parseOr400(res, tokenSchema, raw);
    if (!token) return undefined;
    try {
      return await deps.manage.resolve(token);
    } catch (err) {
      if (!(err instanceof LinkError)) throw err;
      const [status, message] = LINK_PROBLEMS[err.problem];
      sendError(res, status, `link-${err.problem}`, message);
      return undefined;
    }
  }

  // Nothing here may sit in a shared cache: every answer is one person's registration.
  router.use(base, (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.get(base, async (req, res) => {
    const m = await resolved(res, req.params.token);
    if (m) res.json(await deps.manage.view(m));
  });

  router.patch(base, async (req, res) => {
    const m = await resolved(res, req.params.token);
    const change = m && parseOr400(res, registrationChangeSchema, req.body);
    if (m && change) res.json(await deps.manage.change(m, change));
  });

  router.post(`${base}/confirm`, async (req, res) => {
    const m = await resolved(res, req.params.token);
    if (m) res.json(await deps.manage.confirm(m));
  });

  router.delete(base, async (req, res) => {
    const m = await resolved(res, req.params.token);
    if (!m) return;
    await deps.manage.cancel(m);
    res.status(204).end();
  });

  router.get(`${base}/calendar.ics`, async (req, res) => {
    const m = await resolved(res, req.params.token);
    if (!m) return;
    const calendar = calendarOf(m.session, await deps.links.join(m.session, m.registration));
    res
      .type('text/calendar; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="openfloor-${m.session.id}.ics"`)
      .send(calendar);
  });

  return router;
}
