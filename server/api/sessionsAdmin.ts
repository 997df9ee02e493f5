import { Router, type Response } from 'express';
import { z } from 'zod';
import { idSchema, updateSessionSchema } from '../../shared/schemas.js';
import { AFFILIATIONS, type RequestedAccommodations } from '../../shared/sessions.js';
import type { CaptionUrls } from '../captions/captionUrl.js';
import type { LinkSigner } from '../invites/tokens.js';
import { decide, organizerOn } from '../policy/policy.js';
import { toCsv } from '../sessions/csv.js';
import { LIFECYCLE_ACTIONS, type LifecycleAction, type LifecycleResult } from '../sessions/lifecycle.js';
import type { RecordService } from '../sessions/recordService.js';
import type { RegistrationService } from '../sessions/registration.js';
import type { RegistrationRepo, RegistrationRow } from '../store/registrationRepo.js';
import type { Repo, SessionRow } from '../store/repo.js';
import { parseOr400, sendError } from './errors.js';
import type { OrganizerAuth } from './organizerAuth.js';

export interface SessionsAdminDeps {
  auth: OrganizerAuth;
  repo: Repo;
  registrations: RegistrationRepo;
  registration: RegistrationService;
  records: RecordService;
  signer: LinkSigner;
  captionUrl: CaptionUrls;
  publicUrl: () => string;
  advance: (sessionId: string, action: LifecycleAction) => Promise<LifecycleResult>;
}

const actionSchema = z.enum(LIFECYCLE_ACTIONS);

function registrationView(r: RegistrationRow) {
  return {
    id: r.id,
    order: r.registered_order,
    status: r.status,
    name: r.name,
    email: r.email,
    organization: r.organization,
    affiliation: r.affiliation,
    wishToSpeak: r.wish_to_speak === 1,
    topic: r.topic,
    signs: r.signs === 1,
    accommodations: JSON.parse(r.requested) as RequestedAccommodations,
    registeredAt: r.created_at,
  };
}

/** The organizer's sessions: edit, lifecycle, staff links, registrations (JSON and CSV), the record. */
export function createSessionsAdminRouter(deps: SessionsAdminDeps): Router {
  const router = Router();
  router.use(['/sessions', '/organizer/sessions'], deps.auth.requireOrganizer);

  const sessionOr404 = async (res: Response, rawId: string): Promise<SessionRow | undefined> => {
    const id = parseOr400(res, idSchema, rawId);
    const session = id && (await deps.repo.getSession(id));
    if (id && !session) sendError(res, 404, 'not-found', 'No session with this id.');
    return session || undefined;
  };

  router.get('/organizer/sessions', async (_req, res) => {
    const sessions = await deps.repo.listSessions();
    res.json(await Promise.all(sessions.map((s) => deps.registration.publicSession(s))));
  });

  router.patch('/sessions/:id', async (req, res) => {
    const session = await sessionOr404(res, req.params.id);
    const change = session && parseOr400(res, updateSessionSchema, req.body);
    if (!session || !change) return;
    const decision = decide('session:edit', organizerOn(session));
    if (!decision.ok) return sendError(res, 409, decision.reason, decision.message);
    const starts = Date.parse(change.startsAt ?? session.starts_at);
    if (Date.parse(change.endsAt ?? session.ends_at) <= starts) {
      return sendError(res, 400, 'invalid-request', 'endsAt: The end must come after the start.', {
        issues: [{ path: 'endsAt', message: 'The end must come after the start.' }],
      });
    }
    await deps.repo.updateSession(session.id, change);
    res.json(await deps.registration.publicSession((await deps.repo.getSession(session.id))!));
  });

  router.post('/sessions/:id/lifecycle/:action', async (req, res) => {
    const session = await sessionOr404(res, req.params.id);
    const action = session && parseOr400(res, actionSchema, req.params.action);
    if (!session || !action) return;
    const result = await deps.advance(session.id, action);
    if (!result.ok)
      return sendError(res, result.reason === 'not-found' ? 404 : 409, result.reason, result.message);
    res.json({ status: result.status });
  });

  router.get('/sessions/:id/invites', async (req, res) => {
    const session = await sessionOr404(res, req.params.id);
    if (!session) return;
    const expires = new Date(session.ends_at);
    const invites = await deps.repo.listInvites(session.id);
    res.json(
      await Promise.all(
        invites.map(async (i) => ({
          id: i.id,
          role: i.role,
          name: i.name,
          ...(i.language ? { language: i.language } : {}),
          joinedAt: i.joined_at,
          revokedAt: i.revoked_at,
          expiresAt: i.expires_at,
          url: i.revoked_at ? null : `${deps.publicUrl()}/join/${await deps.signer.sign(i.id, expires)}`,
          captionUrl:
            i.role === 'captioner' && !i.revoked_at ? await deps.captionUrl(session.id, i.id, expires) : null,
        })),
      ),
    );
  });

  router.get('/sessions/:id/registrations', async (req, res) => {
    const session = await sessionOr404(res, req.params.id);
    if (!session) return;
    res.json((await deps.registrations.list(session.id)).map(registrationView));
  });

  router.get('/sessions/:id/registrations.csv', async (req, res) => {
    const session = await sessionOr404(res, req.params.id);
    if (!session) return;
    const rows = (await deps.registrations.list(session.id)).map(registrationView).map((r) => [
      r.order,
      r.status,
      r.name,
      r.email,
      r.organization,
      AFFILIATIONS[r.affiliation as keyof typeof AFFILIATIONS] ?? r.affiliation,
      r.wishToSpeak,
      r.topic,
      // Yes or nothing, so the few who sign stand out down the column (A40).
      r.signs ? 'yes' : '',
      r.accommodations.asl,
      r.accommodations.cart,
      r.accommodations.captionLanguage ?? '',
      r.accommodations.other,
      r.registeredAt,
    ]);
    const header = [
      'Order',
      'Status',
      'Name',
      'Email',
      'Organization',
      'Affiliation',
      'Wishes to speak',
      'Topic',
      'Signs (ASL)',
      'ASL',
      'CART',
      'Caption language',
      'Other needs',
      'Registered at',
    ];
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="registrations-${session.id}.csv"`)
      .set('Cache-Control', 'no-store')
      .send(toCsv(header, rows));
  });

  router.post('/sessions/:id/registrations/:registrationId/promote', async (req, res) => {
    const session = await sessionOr404(res, req.params.id);
    const rid = session && parseOr400(res, idSchema, req.params.registrationId);
    if (!session || !rid) return;
    if (!(await deps.registration.promote(session.id, rid))) {
      return sendError(res, 404, 'not-found', 'No waitlisted registration with this id in this session.');
    }
    res.status(204).end();
  });

  router.post('/sessions/:id/record', async (req, res) => {
    const session = await sessionOr404(res, req.params.id);
    if (!session) return;
    const outcome = await deps.records.publish(session.id);
    if (outcome === 'not-ended') {
      return sendError(res, 409, 'wrong-state', 'The record can be published once the session has ended.');
    }
    res.status(201).json({ url: `${deps.publicUrl()}/records/${session.id}` });
  });

  return router;
}
