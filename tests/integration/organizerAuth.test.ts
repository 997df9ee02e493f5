import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORGANIZER_TOKEN, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.stop();
});

const signIn = (token: unknown) =>
  fetch(`${server.url}/api/organizer/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });

const withCookie = (path: string, cookie: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { ...init.headers, cookie } });

describe('organizer sign-in', () => {
  it('sets an HttpOnly, SameSite=Strict cookie that works in place of the token', async () => {
    const res = await signIn(ORGANIZER_TOKEN);
    expect(res.status).toBe(204);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toContain(ORGANIZER_TOKEN);
    const cookie = setCookie.split(';')[0]!;
    expect((await withCookie('/api/organizer/me', cookie)).status).toBe(200);
    const created = await withCookie('/api/sessions', cookie, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'By cookie',
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    });
    expect(created.status).toBe(201);
  });

  it('refuses a wrong token, a malformed body, and a forged cookie', async () => {
    expect((await signIn('nope')).status).toBe(401);
    expect((await signIn(42)).status).toBe(400);
    const forged = 'openfloor_organizer=eyJhbGciOiJIUzI1NiJ9.e30.forged';
    expect((await withCookie('/api/organizer/me', forged)).status).toBe(401);
    expect((await withCookie('/api/sessions/x', forged)).status).toBe(401);
  });

  it('signs out by clearing the cookie', async () => {
    const res = await fetch(`${server.url}/api/organizer/sign-out`, { method: 'POST' });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  });

  it('limits guessing: the eleventh try in a quarter hour is refused', async () => {
    for (let i = 0; i < 10; i++) expect((await signIn(`guess-${i}`)).status).toBe(401);
    expect((await signIn(ORGANIZER_TOKEN)).status).toBe(429);
  });
});
