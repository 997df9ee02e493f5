import { afterEach, describe, expect, it } from 'vitest';
import { createMediaHealth } from '../../server/livekit/health.js';
import { createLogger } from '../../server/log.js';
import type { Readiness } from '../../server/api/health.js';
import type { MediaStatusEvent } from '../../shared/protocol.js';
import { startMediaStandIn, type MediaStandIn } from '../support/mediaStandIn.js';
import { ask, eventWhere, joinAs, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer | undefined;
let standIn: MediaStandIn | undefined;
const stops: (() => void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  await server?.stop();
  await standIn?.close();
  server = standIn = undefined;
});

/** Sends a command and measures how long its answer took. */
async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

const publishes = (media: MediaStandIn, identity: string) =>
  media.calls
    .filter((c) => c.method === 'UpdateParticipant' && c.body.identity === identity)
    .map((c) => (c.body.permission as { canPublish?: boolean } | undefined)?.canPublish === true);

describe('K6 the queue never waits for the media server', () => {
  it('with a media server that accepts and never answers, queue commands answer within 2 s', async () => {
    standIn = await startMediaStandIn('hang');
    server = await startTestServer({ mediaUrl: standIn.url });
    const sessionId = (await server.createSession()).id;
    const moderator = await joinAs(server, sessionId, 'moderator', 'Morgan');
    const ana = await joinAs(server, sessionId, 'speaker', 'Ana');
    const bo = await joinAs(server, sessionId, 'speaker', 'Bo');
    await ask(ana.socket, 'queue:raise-hand', { topic: 'first' });
    await ask(bo.socket, 'queue:raise-hand', { topic: 'second' });

    const steps = [
      () => ask(moderator.socket, 'floor:give', { participantId: ana.id }),
      () => ask(ana.socket, 'floor:accept', {}),
      () => ask(moderator.socket, 'timer:pause', {}),
      () => ask(moderator.socket, 'timer:resume', {}),
      () => ask(moderator.socket, 'floor:next', {}),
      () => ask(bo.socket, 'floor:accept', {}),
      () => ask(ana.socket, 'queue:raise-hand', { topic: 'again' }),
      () => ask(moderator.socket, 'floor:end', {}),
    ];
    const times: number[] = [];
    for (const step of steps) {
      const { result, ms } = await timed(step);
      expect(result).toEqual({ ok: true });
      expect(ms).toBeLessThan(2_000);
      times.push(ms);
    }
    process.stdout.write(
      `queue commands with a hung media server answered in ${times.map((t) => t.toFixed(0)).join(', ')} ms\n`,
    );
    // The grants really went to the hung server, and are still waiting there.
    expect(standIn.hung).toBeGreaterThan(0);
  });

  it('a grant that timed out is retried, and the last wish for a person is the one carried out', async () => {
    standIn = await startMediaStandIn('hang');
    server = await startTestServer({ mediaUrl: standIn.url });
    const sessionId = (await server.createSession()).id;
    const moderator = await joinAs(server, sessionId, 'moderator', 'Morgan');
    const ana = await joinAs(server, sessionId, 'speaker', 'Ana');
    await ask(ana.socket, 'queue:raise-hand', { topic: 'first' });
    await ask(moderator.socket, 'floor:give', { participantId: ana.id });
    await ask(ana.socket, 'floor:accept', {});
    await expect.poll(() => standIn!.hung).toBe(1);
    // While the grant hangs, the turn ends: the revocation replaces the grant not yet carried out.
    await ask(moderator.socket, 'floor:end', {});
    standIn.mode = 'answer';
    await expect.poll(() => publishes(standIn!, ana.id), { timeout: 10_000 }).toEqual([false]);
    await server.app.mediaSettled();
    expect(publishes(standIn, ana.id)).toEqual([false]);
  });
});

describe('media health: said when it happens (H2)', () => {
  it('tells every page, the readiness check and new joins when the media server stops and starts answering', async () => {
    standIn = await startMediaStandIn('answer');
    const health = createMediaHealth(standIn.url, createLogger('livekit'), 300);
    await health.probe();
    stops.push(health.start(100));
    server = await startTestServer({ mediaUrl: standIn.url, mediaHealth: health });
    const sessionId = (await server.createSession()).id;
    const ready = async () => {
      const res = await server!.api('GET', '/api/health/ready', undefined, null);
      return { code: res.status, body: (await res.json()) as Readiness };
    };
    const moderator = await joinAs(server, sessionId, 'moderator', 'Morgan');
    expect(moderator.result).toMatchObject({ media: { available: true } });
    expect(moderator.result.ok && moderator.result.livekit).not.toBeNull();
    expect(await ready()).toMatchObject({ code: 200, body: { status: 'ready', media: 'ok' } });

    const down = eventWhere(moderator.socket, 'media:status', (s: MediaStatusEvent) => !s.available);
    const wentDown = performance.now();
    standIn.mode = 'hang';
    await down;
    expect(performance.now() - wentDown).toBeLessThan(2_000);
    expect(await ready()).toMatchObject({
      code: 200,
      body: {
        status: 'degraded',
        store: 'ok',
        media: 'unreachable',
        mediaProblem: 'no answer within the time-out',
      },
    });
    expect(await ask(moderator.socket, 'room:media-token', {})).toMatchObject({
      ok: false,
      reason: 'media-unavailable',
    });
    const late = await joinAs(server, sessionId, 'interpreter', 'Ines');
    expect(late.result).toMatchObject({ livekit: null, media: { available: false } });

    const up = eventWhere(moderator.socket, 'media:status', (s: MediaStatusEvent) => s.available);
    standIn.mode = 'answer';
    await up;
    expect(await ready()).toMatchObject({ code: 200, body: { status: 'ready', media: 'ok' } });
    expect(await ask(moderator.socket, 'room:media-token', {})).toMatchObject({ ok: true });
  });
});

describe('Q14 the turn timer works from the store', () => {
  it('a deadline that passes while the server is down is enforced after the restart with nobody connected', async () => {
    standIn = await startMediaStandIn('answer');
    server = await startTestServer({ mediaUrl: standIn.url, timerTickMs: 50 });
    const { dataDir, clock } = server;
    const sessionId = (await server.createSession()).id;
    const moderator = await joinAs(server, sessionId, 'moderator', 'Morgan');
    const ana = await joinAs(server, sessionId, 'speaker', 'Ana');
    await ask(moderator.socket, 'queue:configure', { autoEnd: true, speakingLimitMs: 60_000 });
    await ask(ana.socket, 'queue:raise-hand', { topic: 'first' });
    await ask(moderator.socket, 'floor:give', { participantId: ana.id });
    await ask(ana.socket, 'floor:accept', {});
    await server.app.mediaSettled();
    expect(publishes(standIn, ana.id)).toEqual([true]);
    await server.stop({ keepData: true });

    // Back two minutes later: the turn's minute ran out meanwhile, and nobody reconnects.
    server = await startTestServer({
      dataDir,
      mediaUrl: standIn.url,
      timerTickMs: 50,
      now: new Date(clock.now.getTime() + 120_000),
    });
    const restarted = server;
    await expect
      .poll(async () => (await restarted.db.selectFrom('queues').select('state').executeTakeFirst())?.state)
      .toContain('"floor":null');
    await expect.poll(() => publishes(standIn!, ana.id)).toEqual([true, false]);
  });
});
