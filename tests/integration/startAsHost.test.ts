import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InviteInfo } from '../../shared/protocol.js';
import type { HostLink } from '../../shared/sessions.js';
import { ask, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.stop();
});

const hour = 3_600_000;
const json = async <T>(res: Response) => (await res.json()) as T;
const host = (sessionId: string, body?: unknown, token?: string | null) =>
  server.api('POST', `/api/sessions/${sessionId}/host`, body, token);

interface InviteView {
  id: string;
  role: string;
  name: string;
  revokedAt: string | null;
  /** Signed anew by each listing (its iat), so two listings a second apart differ here. */
  url: string;
}
const invites = async (sessionId: string) =>
  json<InviteView[]>(await server.api('GET', `/api/sessions/${sessionId}/invites`));
/** The invites as stored, without the links each listing signs anew. */
const stored = async (sessionId: string) => (await invites(sessionId)).map(({ url: _url, ...rest }) => rest);

describe('Start as host (server/policy/SPEC.md, A23)', () => {
  it('A23: makes the organizer a moderator link once, and every later press reuses it', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    const first = await host(id, {});
    expect(first.status).toBe(201);
    const link = await json<HostLink>(first);
    expect(link.created).toBe(true);
    expect(link.joinPath).toMatch(/^\/join\/eyJ/);
    expect(link.url.endsWith(link.joinPath)).toBe(true);

    // The link is a moderator's: the pre-join page greets them so, and the room lets them open it.
    const token = link.joinPath.split('/').at(-1)!;
    const info = await json<InviteInfo>(await server.api('GET', `/api/join/${token}`, undefined, null));
    expect(info).toMatchObject({ inviteId: link.inviteId, role: 'moderator', name: 'Organizer (host)' });
    const socket = server.client(token);
    expect(await ask(socket, 'room:join', {})).toMatchObject({ ok: true });
    expect(await ask(socket, 'session:advance', { action: 'open-lobby' })).toMatchObject({
      ok: true,
      status: 'lobby',
    });

    // A second and a third press, without a body this time: the same invite, nothing added.
    for (const body of [undefined, {}]) {
      const again = await host(id, body);
      expect(again.status).toBe(200);
      expect(await json<HostLink>(again)).toMatchObject({ inviteId: link.inviteId, created: false });
    }
    expect(await invites(id)).toMatchObject([{ id: link.inviteId, role: 'moderator' }]);
  });

  it('A23: presses that race still leave one link', async () => {
    const { id } = await server.createSession({}, 'lobby');
    const links = await Promise.all(
      Array.from({ length: 6 }, async () => json<HostLink>(await host(id, {}))),
    );
    expect(new Set(links.map((l) => l.inviteId)).size).toBe(1);
    expect(links.filter((l) => l.created)).toHaveLength(1);
    expect(await invites(id)).toHaveLength(1);
  });

  it('A23: after the organizer revokes the link, the next press makes a new one', async () => {
    const { id } = await server.createSession({}, 'live');
    const old = await json<HostLink>(await host(id, {}));
    expect((await server.api('DELETE', `/api/sessions/${id}/invites/${old.inviteId}`)).status).toBe(204);
    const next = await host(id, {});
    expect(next.status).toBe(201);
    const fresh = await json<HostLink>(next);
    expect(fresh.inviteId).not.toBe(old.inviteId);
    const live = Object.fromEntries((await invites(id)).map((i) => [i.id, i.revokedAt === null]));
    expect(live).toEqual({ [old.inviteId]: false, [fresh.inviteId]: true });
  });

  it('needs the organizer: no token or a wrong one is refused with 401, and nothing is made', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    for (const token of [null, 'not-the-organizer-token-at-all-0000']) {
      const res = await host(id, {}, token);
      expect(res.status).toBe(401);
      expect((await json<{ message: string }>(res)).message).toMatch(/organizer/);
    }
    expect(await invites(id)).toEqual([]);
  });

  it.each([
    ['ended', 'end', /has ended/],
    ['cancelled', 'cancel', /was cancelled/],
  ])(
    'A23: a session that has %s is refused with a clear message, and nothing changes',
    async (_s, action, words) => {
      const { id } = await server.createSession({}, 'lobby');
      const before = await json<HostLink>(await host(id, {}));
      expect((await server.api('POST', `/api/sessions/${id}/lifecycle/${action}`, {})).status).toBe(200);
      const listed = await stored(id);
      const res = await host(id, {});
      expect(res.status).toBe(409);
      const body = await json<{ error: string; message: string }>(res);
      expect(body.error).toBe('wrong-state');
      expect(body.message).toMatch(words);
      expect(await stored(id)).toEqual(listed);
      expect(listed.map((i) => i.id)).toEqual([before.inviteId]);
    },
  );

  it('refuses a session whose end time has passed, saying how to fix it', async () => {
    const { id } = await server.createSession({}, 'live');
    server.clock.now = new Date(server.clock.now.getTime() + 2 * hour);
    const res = await host(id, {});
    expect(res.status).toBe(409);
    const body = await json<{ error: string; message: string }>(res);
    expect(body.error).toBe('session-ended');
    expect(body.message).toMatch(/Move the end time later/);
    expect(await invites(id)).toEqual([]);
  });

  it('the reused link follows the session when its end is moved later', async () => {
    const { id, endsAt } = await server.createSession({}, 'scheduled');
    const first = await json<HostLink>(await host(id, {}));
    expect(first.expiresAt).toBe(endsAt);
    const later = new Date(Date.parse(endsAt) + 3 * hour).toISOString();
    expect((await server.api('PATCH', `/api/sessions/${id}`, { endsAt: later })).status).toBe(200);
    server.clock.now = new Date(Date.parse(endsAt) + hour);
    const again = await json<HostLink>(await host(id, {}));
    expect(again).toMatchObject({ inviteId: first.inviteId, expiresAt: later, created: false });
    const token = again.joinPath.split('/').at(-1)!;
    expect((await server.api('GET', `/api/join/${token}`, undefined, null)).status).toBe(200);
  });

  it.each([
    ['a malformed session id', 'not an id!', {}, 400],
    ['an unknown session', 'AAAAAAAAAAAAAAAA', {}, 404],
    ['a body with a field', null, { name: 'Me' }, 400],
    ['a body that is not an object', null, ['x'], 400],
  ])('refuses %s, making nothing', async (_label, sessionId, body, status) => {
    const { id } = await server.createSession({}, 'scheduled');
    const res = await host(encodeURIComponent(sessionId ?? id), body);
    expect(res.status).toBe(status);
    expect((await json<{ message: string }>(res)).message.length).toBeGreaterThan(5);
    expect(await invites(id)).toEqual([]);
  });
});
