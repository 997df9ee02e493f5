import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import type { ApiError } from '../../shared/protocol.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.stop();
});

describe('organizer API', () => {
  it('creates a session and a personal link that the join endpoint recognises', async () => {
    const session = await server.createSession({ title: 'AI at work' });
    const invite = await server.invite(session.id, 'interpreter', 'Ana Ruiz');
    expect(invite.url).toMatch(new RegExp(`^${server.url.replace('127.0.0.1', 'localhost')}/join/`));
    const info: unknown = await (
      await server.api('GET', `/api/join/${invite.token}`, undefined, null)
    ).json();
    expect(info).toMatchObject({ name: 'Ana Ruiz', role: 'interpreter', session: { title: 'AI at work' } });
  });

  it('refuses without the organizer token, and with a wrong one', async () => {
    const body = {
      title: 'x',
      startsAt: '2026-01-01T10:00:00Z',
      endsAt: '2026-01-01T11:00:00Z',
      timeZone: 'UTC',
    };
    expect((await server.api('POST', '/api/sessions', body, null)).status).toBe(401);
    expect((await server.api('POST', '/api/sessions', body, 'wrong-token')).status).toBe(401);
  });

  it.each([
    [
      { title: '', startsAt: '2026-01-01T10:00:00Z', endsAt: '2026-01-01T11:00:00Z', timeZone: 'UTC' },
      'title',
    ],
    [{ title: 'x', startsAt: 'tomorrow', endsAt: '2026-01-01T11:00:00Z', timeZone: 'UTC' }, 'startsAt'],
    [
      { title: 'x', startsAt: '2026-01-01T12:00:00Z', endsAt: '2026-01-01T11:00:00Z', timeZone: 'UTC' },
      'endsAt',
    ],
    [
      {
        title: 'x',
        startsAt: '2026-01-01T10:00:00Z',
        endsAt: '2026-01-01T11:00:00Z',
        timeZone: 'Mars/Olympus',
      },
      'timeZone',
    ],
    [{ title: 'x', startsAt: '2026-01-01T10:00:00Z', endsAt: '2026-01-01T11:00:00Z', admin: true }, ''],
  ])('answers 400 naming the bad field for %j', async (body, field) => {
    const res = await server.api('POST', '/api/sessions', body);
    expect(res.status).toBe(400);
    const error = (await res.json()) as { issues: { path: string }[] };
    expect(error.issues.map((i) => i.path)).toContain(field);
  });

  it('answers 400 for malformed JSON and 404 for unknown endpoints and sessions', async () => {
    const res = await fetch(`${server.url}/api/sessions`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer test-organizer-token-0123456789abcdef',
        'content-type': 'application/json',
      },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect((await server.api('GET', '/api/nothing-here')).status).toBe(404);
    expect(
      (await server.api('POST', '/api/sessions/NoSuchSession/invites', { role: 'attendee', name: 'A' }))
        .status,
    ).toBe(404);
  });

  it('refuses an invite with an unknown role or an empty name', async () => {
    const session = await server.createSession();
    const path = `/api/sessions/${session.id}/invites`;
    expect((await server.api('POST', path, { role: 'organizer', name: 'A' })).status).toBe(400);
    expect((await server.api('POST', path, { role: 'attendee', name: '  ' })).status).toBe(400);
  });

  it('publishes an OpenAPI document describing the session and invite operations', async () => {
    const doc = (await (await server.api('GET', '/api/openapi.json', undefined, null)).json()) as {
      openapi: string;
      paths: Record<string, object>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths['/sessions/{id}']!)).toEqual(['patch', 'get']);
    const paths = doc.paths as Record<string, Record<string, { responses: object }>>;
    expect(Object.keys(paths['/public/registrations/manage/{token}']!)).toEqual(['get', 'patch', 'delete']);
    // R2: registering has one success answer, whoever registers.
    const registering = Object.keys(paths['/public/sessions/{id}/registrations']!.post!.responses);
    expect(registering.filter((status) => status.startsWith('2'))).toEqual(['202']);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/sessions',
        '/sessions/{id}/invites',
        '/sessions/{id}/invites/{inviteId}',
        '/sessions/{id}/lifecycle/{action}',
        '/sessions/{id}/registrations.csv',
        '/public/sessions/{id}/registrations',
        '/public/registrations/manage/{token}',
        '/public/registrations/manage/{token}/confirm',
        '/public/registrations/manage/{token}/calendar.ics',
        '/public/sessions/{id}/record',
        '/organizer/sign-in',
      ]),
    );
  });
});

describe('join links', () => {
  it.each([
    ['a malformed link', 'not-a-token', 400, /not valid/],
    [
      'a link signed elsewhere',
      'eyJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJ4In0.c2lnbmF0dXJlLW5vdC12YWxpZA',
      403,
      /not valid/,
    ],
  ])('shows a clear page for %s', async (_label, token, status, text) => {
    const res = await fetch(`${server.url}/join/${token}`);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/html/);
    expect(await res.text()).toMatch(text);
  });

  it('stops working when revoked (410) and when the session has ended (410)', async () => {
    const session = await server.createSession();
    const revoked = await server.invite(session.id, 'attendee', 'Rae');
    const expiring = await server.invite(session.id, 'attendee', 'Eli');
    expect((await server.api('DELETE', `/api/sessions/${session.id}/invites/${revoked.id}`)).status).toBe(
      204,
    );
    expect((await server.api('DELETE', `/api/sessions/${session.id}/invites/${revoked.id}`)).status).toBe(
      404,
    );
    // A genuine withdrawn link gets the app (which shows its end page) once the client is built,
    // the server's own page before: 410 either way, and the API says why.
    const revokedPage = await fetch(`${server.url}/join/${revoked.token}`);
    expect(revokedPage.status).toBe(410);
    expect(revokedPage.headers.get('content-type')).toMatch(/html/);
    const revokedInfo = await server.api('GET', `/api/join/${revoked.token}`, undefined, null);
    const body = (await revokedInfo.json()) as ApiError;
    expect(body.message).toMatch(/withdrawn/);
    expect(body.closed).toMatchObject({ closed: { reason: 'link-revoked' }, role: 'attendee' });

    server.clock.now = new Date(Date.parse(session.endsAt) + 1000);
    const expiredPage = await fetch(`${server.url}/join/${expiring.token}`);
    expect(expiredPage.status).toBe(410);
    expect(await expiredPage.text()).toMatch(/expired/);
    const api = await server.api('GET', `/api/join/${expiring.token}`, undefined, null);
    expect(api.status).toBe(410);
  });

  it('refuses new links for a session that has ended', async () => {
    const session = await server.createSession();
    server.clock.now = new Date(Date.parse(session.endsAt) + 1);
    const res = await server.api('POST', `/api/sessions/${session.id}/invites`, {
      role: 'attendee',
      name: 'A',
    });
    expect(res.status).toBe(409);
  });
});
