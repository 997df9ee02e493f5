import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let sessionId: string;
let captionUrl: string;

beforeAll(async () => {
  server = await startTestServer();
  sessionId = (await server.createSession()).id;
  const res = await server.api('POST', `/api/sessions/${sessionId}/invites`, {
    role: 'captioner',
    name: 'Cora',
  });
  captionUrl = ((await res.json()) as { captionUrl: string }).captionUrl.replace('localhost', '127.0.0.1');
});
afterAll(async () => {
  await server.stop();
});

/** The CSP as directive -> sources. */
function csp(res: Response): Record<string, string[]> {
  const header = res.headers.get('content-security-policy') ?? '';
  return Object.fromEntries(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

const answers: [string, () => Promise<Response>, number][] = [
  ['an HTML page (a bad join link)', () => fetch(`${server.url}/join/not-a-token`), 400],
  ['an API JSON answer', () => fetch(`${server.url}/api/public/sessions`), 200],
  ['an API 404', () => fetch(`${server.url}/api/no-such-thing`), 404],
  [
    'the caption ingest',
    () =>
      fetch(`${captionUrl}&seq=1`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'Hi\n',
      }),
    200,
  ],
];

describe('security headers', () => {
  it.each(answers)('on %s', async (_what, request, status) => {
    const res = await request();
    expect(res.status).toBe(status);
    const policy = csp(res);
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    // The test server's LiveKit URL is ws://127.0.0.1:9: its socket and its HTTP validation.
    expect(policy['connect-src']).toEqual(["'self'", 'ws://127.0.0.1:9', 'http://127.0.0.1:9']);
    expect(Object.values(policy).flat()).not.toContain("'unsafe-inline'");
    expect(Object.values(policy).flat()).not.toContain("'unsafe-eval'");
    expect(policy['upgrade-insecure-requests']).toBeUndefined();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // Plain http in development: an HSTS header would lock the browser out of localhost.
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it("allows the inline <style> of the server's own pages by hash, and nothing else inline", async () => {
    await server.api('POST', `/api/sessions/${sessionId}/lifecycle/end`, {});
    await server.api('POST', `/api/sessions/${sessionId}/record`, {});
    const pages = [
      await fetch(`${server.url}/join/not-a-token`),
      await fetch(`${server.url}/api/public/sessions/${sessionId}/record?format=html`),
    ];
    for (const res of pages) {
      const style = /<style>([\s\S]*?)<\/style>/.exec(await res.text())![1]!;
      const hash = `'sha256-${createHash('sha256').update(style).digest('base64')}'`;
      expect(csp(res)['style-src']).toContain(hash);
    }
  });
});
