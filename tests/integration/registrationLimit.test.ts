// The registration form's own rate limit (server/api/public.ts): each registration sends a mail, so
// one address may register 30 times a minute; refused forms send none and do not count, because the
// forms leave their checking to the server and a hall behind one address corrects its mistakes there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

const register = (sessionId: string, body: Record<string, unknown>) =>
  server.api('POST', `/api/public/sessions/${sessionId}/registrations`, body, null);

describe('the registration limit', () => {
  it('counts registrations, not refused forms: 40 mistakes, then 30 registrations, then the 31st is told to wait', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    for (let n = 0; n < 40; n += 1) {
      const res = await register(id, { name: `Person ${n}`, email: 'not an address', affiliation: 'worker' });
      expect(res.status).toBe(400);
    }
    for (let n = 0; n < 30; n += 1) {
      const res = await register(id, {
        name: `Person ${n}`,
        email: `p${n}@example.org`,
        affiliation: 'worker',
      });
      expect(res.status, `registration ${n + 1}`).toBe(202);
    }
    const over = await register(id, { name: 'One more', email: 'more@example.org', affiliation: 'worker' });
    expect(over.status).toBe(429);
    expect(((await over.json()) as { message: string }).message).toMatch(/Too many registrations/);
  });
});
