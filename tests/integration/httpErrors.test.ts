import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs, ERROR_LEVEL } from '../../server/log.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let sessionId: string;
const records: { level: number; msg?: string }[] = [];
let release: () => void;

beforeAll(async () => {
  release = captureLogs((r) => records.push(r));
  server = await startTestServer();
  sessionId = (await server.createSession()).id;
});
afterAll(async () => {
  await server.stop();
  release();
});

const BAD = 'bad!id';
// Every public and organizer route, each with a malformed id, query or body.
const cases = (): [string, string, unknown, boolean, number][] => [
  ['GET', `/api/public/sessions/${BAD}`, undefined, false, 400],
  ['GET', `/api/public/registrations/manage/${BAD}/calendar.ics`, undefined, false, 400],
  ['PATCH', `/api/public/registrations/manage/${BAD}`, { name: 'x' }, false, 400],
  ['GET', `/api/public/sessions/${BAD}/record`, undefined, false, 400],
  ['GET', `/api/public/sessions/${sessionId}/record?format=docx`, undefined, false, 400],
  ['POST', `/api/public/sessions/${BAD}/registrations`, {}, false, 400],
  ['POST', `/api/public/sessions/${sessionId}/registrations`, { name: 'A\u202eB' }, false, 400],
  ['GET', `/api/join/${BAD}`, undefined, false, 400],
  ['GET', `/api/transcripts/${BAD}?format=txt`, undefined, false, 400],
  ['GET', `/api/transcripts/${sessionId}?format=docx`, undefined, false, 400],
  ['POST', '/api/organizer/sign-in', { token: 5 }, false, 400],
  ['GET', `/api/sessions/${BAD}`, undefined, true, 400],
  ['PATCH', `/api/sessions/${BAD}`, { title: 'x' }, true, 400],
  ['PATCH', `/api/sessions/${sessionId}`, { title: 'a\nb' }, true, 400],
  ['POST', `/api/sessions/${BAD}/invites`, {}, true, 400],
  ['GET', `/api/sessions/${BAD}/invites`, undefined, true, 400],
  ['DELETE', `/api/sessions/${sessionId}/invites/${BAD}`, undefined, true, 400],
  ['POST', `/api/sessions/${sessionId}/lifecycle/explode`, {}, true, 400],
  ['GET', `/api/sessions/${BAD}/registrations`, undefined, true, 400],
  ['GET', `/api/sessions/${BAD}/registrations.csv`, undefined, true, 400],
  ['POST', `/api/sessions/${sessionId}/registrations/${BAD}/promote`, {}, true, 400],
  ['POST', `/api/sessions/${BAD}/record`, {}, true, 400],
];

describe('bad input over HTTP', () => {
  it('gets one clean 4xx from every route and logs nothing at error level', async () => {
    for (const [method, path, body, organizer, status] of cases()) {
      records.length = 0;
      const res = await server.api(method, path, body, organizer ? undefined : null);
      expect(res.status, `${method} ${path}`).toBe(status);
      const answer = (await res.json()) as { error?: unknown; message?: unknown };
      expect([typeof answer.error, typeof answer.message]).toEqual(['string', 'string']);
      // A second answer to the same request would fail after this one was sent.
      await sleep(20);
      expect(
        records.filter((r) => r.level >= ERROR_LEVEL).map((r) => r.msg),
        `${method} ${path}`,
      ).toEqual([]);
    }
  });
});
