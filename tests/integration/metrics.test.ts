import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { createOutboxMailer } from '../../server/email/mailer.js';
import { openDb } from '../../server/store/db.js';
import { freePort, NO_MEDIA, startAppProcess } from '../support/appProcess.js';
import { parseExposition, samplesOf, valueOf, type Sample } from '../support/prometheus.js';
import {
  ask,
  eventWhere,
  joinAs,
  ORGANIZER_TOKEN,
  startTestServer,
  type TestServer,
} from '../support/server.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const COMMANDS = 'openfloor_socket_commands_total';
const SESSION_SOCKETS = 'openfloor_session_connected_sockets';

async function scrape(url: string, headers: Record<string, string> = {}): Promise<Sample[]> {
  const res = await fetch(`${url}/metrics`, { headers });
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await res.text());
}

let server: TestServer;
let guarded: TestServer;
beforeAll(async () => {
  // Two apps in one process, as the tests run them: each has its own figures.
  server = await startTestServer();
  guarded = await startTestServer({ metricsToken: METRICS_TOKEN });
});
afterAll(async () => {
  await server.stop();
  await guarded.stop();
});

/** A live session with a captioner in the room, and the captioner's Zoom-compatible caption URL. */
async function captionedSession(s: TestServer) {
  const { id: sessionId } = await s.createSession();
  const res = await s.api('POST', `/api/sessions/${sessionId}/invites`, { role: 'captioner', name: 'Cora' });
  const body = (await res.json()) as { id: string; url: string; captionUrl: string };
  const link = { id: body.id, token: body.url.split('/join/')[1]! };
  const captioner = await joinAs(s, sessionId, 'captioner', 'Cora', link);
  const captionUrl = body.captionUrl.replace(/^http:\/\/localhost:/, 'http://127.0.0.1:');
  return { sessionId, captioner: captioner.socket, captionUrl };
}

const post = (captionUrl: string, seq: number, text: string) =>
  fetch(`${captionUrl}&seq=${seq}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: text,
  });

describe('GET /metrics', () => {
  it('M2 counts a session’s sockets, commands by outcome, caption delivery, caption POSTs and store queries', async () => {
    const { sessionId, captioner, captionUrl } = await captionedSession(server);
    const before = await scrape(server.url);
    const count = (samples: Sample[], labels: Record<string, string>) =>
      valueOf(samples, COMMANDS, labels) ?? 0;

    const partial = eventWhere(captioner, 'caption:partial', (p) => p.text === 'Good evening');
    expect(await ask(captioner, 'caption:update', { text: 'Good evening' })).toMatchObject({ ok: true });
    await partial;
    const line = eventWhere(captioner, 'caption:line', (l) => l.text === 'Good evening');
    expect(await ask(captioner, 'caption:commit', {})).toMatchObject({ ok: true });
    await line;
    expect(await ask(captioner, 'floor:next', {})).toMatchObject({ ok: false, reason: 'forbidden' });
    const invalid = { text: 42 } as unknown as { text: string };
    expect(await ask(captioner, 'caption:update', invalid)).toMatchObject({ reason: 'invalid-payload' });
    const unknown = captioner.timeout(5000) as unknown as {
      emitWithAck(e: string, p: object): Promise<unknown>;
    };
    expect(await unknown.emitWithAck('stage:takeover', {})).toMatchObject({ reason: 'unknown-command' });

    expect((await post(captionUrl, 1, 'From the software\n')).status).toBe(200);
    expect((await post(captionUrl, 1, 'From the software\n')).status).toBe(200);
    expect((await post(captionUrl.replace(/token=[^&]+/, 'token=forged'), 2, 'x')).status).toBe(403);

    const after = await scrape(server.url);
    expect(valueOf(after, SESSION_SOCKETS, { session: sessionId })).toBe(1);
    expect(valueOf(after, 'openfloor_connected_sockets')).toBe(1);
    // Counters grow from what the joins before this scrape counted.
    const grew = (labels: Record<string, string>) => count(after, labels) - count(before, labels);
    expect(count(after, { command: 'room:join', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(grew({ command: 'caption:update', outcome: 'ok' })).toBe(1);
    expect(grew({ command: 'caption:commit', outcome: 'ok' })).toBe(1);
    expect(grew({ command: 'floor:next', outcome: 'forbidden' })).toBe(1);
    expect(grew({ command: 'caption:update', outcome: 'invalid-payload' })).toBe(1);
    expect(grew({ command: 'unknown', outcome: 'unknown-command' })).toBe(1);
    expect(samplesOf(after, COMMANDS).some((s) => s.labels.command === 'stage:takeover')).toBe(false);

    const posts = 'openfloor_caption_ingest_posts_total';
    expect(valueOf(after, posts, { outcome: 'accepted', status: '200' })).toBe(1);
    expect(valueOf(after, posts, { outcome: 'duplicate', status: '200' })).toBe(1);
    expect(valueOf(after, posts, { outcome: 'refused', status: '403' })).toBe(1);

    // The captioner's update (a partial), then its commit and the POST (a line each).
    const delivery = 'openfloor_caption_delivery_seconds_count';
    expect(valueOf(after, delivery, { kind: 'line' })).toBe(2);
    expect(valueOf(after, delivery, { kind: 'partial' })).toBeGreaterThanOrEqual(1);
    const store = 'openfloor_store_query_duration_seconds_count';
    expect(valueOf(after, store, { outcome: 'ok' })).toBeGreaterThan(
      valueOf(before, store, { outcome: 'ok' })!,
    );
    expect(valueOf(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    // The guarded app, in the same process, saw none of it.
    const other = await scrape(guarded.url, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(samplesOf(other, SESSION_SOCKETS, { session: sessionId })).toEqual([]);
    expect(valueOf(other, COMMANDS, { command: 'floor:next', outcome: 'forbidden' })).toBeUndefined();
  });

  it('M2 a session whose last socket left has no series', async () => {
    const { sessionId, captioner } = await captionedSession(server);
    expect(valueOf(await scrape(server.url), SESSION_SOCKETS, { session: sessionId })).toBe(1);
    captioner.disconnect();
    await expect
      .poll(async () => samplesOf(await scrape(server.url), SESSION_SOCKETS, { session: sessionId }))
      .toEqual([]);
  });

  it('M1 without METRICS_TOKEN, a request forwarded by a proxy on this machine is refused', async () => {
    const res = await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/only requests from this machine.*METRICS_TOKEN/s);
  });

  it('M1 with METRICS_TOKEN, /metrics needs it as a bearer token', async () => {
    const none = await fetch(`${guarded.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.text()).toMatch(/METRICS_TOKEN/);
    const organizer = await fetch(`${guarded.url}/metrics`, {
      headers: { authorization: `Bearer ${ORGANIZER_TOKEN}` },
    });
    expect(organizer.status).toBe(401);
    const samples = await scrape(guarded.url, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(valueOf(samples, 'openfloor_connected_sockets')).toBe(0);
  });

  it('M3 an app given no metrics makes its own', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'openfloor-metrics-'));
    const db = await openDb(':memory:');
    const app = createApp({
      db,
      organizerToken: ORGANIZER_TOKEN,
      linkSecret: 'test-link-secret-test-link-secret-0123',
      publicUrl: null,
      media: null,
      mailer: createOutboxMailer(join(dataDir, 'outbox'), 'OpenFloor <no-reply@openfloor.test>'),
    });
    try {
      const port = await app.listen(0, '127.0.0.1');
      const samples = await scrape(`http://127.0.0.1:${port}`);
      expect(valueOf(samples, 'openfloor_connected_sockets')).toBe(0);
      // Its store was opened without a timer: the histogram is there, empty.
      expect(valueOf(samples, 'openfloor_store_query_duration_seconds_count', { outcome: 'ok' })).toBe(0);
    } finally {
      await app.close();
      await db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('M1 M2 a node started by main.ts reads METRICS_TOKEN and times its store from the first query', async () => {
    const node = await startAppProcess(await freePort(), { env: { ...NO_MEDIA, METRICS_TOKEN } });
    try {
      expect((await fetch(`${node.url}/metrics`)).status).toBe(401);
      const samples = await scrape(node.url, { authorization: `Bearer ${METRICS_TOKEN}` });
      const store = 'openfloor_store_query_duration_seconds_count';
      // The migrations and the start's own queries, before anyone asked anything.
      expect(valueOf(samples, store, { outcome: 'ok' })).toBeGreaterThan(0);
      expect(valueOf(samples, 'process_start_time_seconds')).toBeGreaterThan(0);
    } finally {
      await node.stop();
    }
  });
});
