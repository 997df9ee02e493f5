import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Readiness } from '../../server/api/health.js';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';

// What an operator expects of the app's own LiveKit server: when it dies, the app starts it again
// by itself, and the readiness check reports media as it is (K7). A down state shorter than the
// probe's interval may go unreported; tests/integration/mediaFaults.test.ts shows one that lasts.

// Each test runs its own app: the app's LiveKit port (7880) is fixed, so one at a time.
let app: AppProcess | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function readiness(): Promise<Readiness> {
  return (await (await fetch(`${app!.url}/api/health/ready`)).json()) as Readiness;
}

const answers = () =>
  fetch('http://127.0.0.1:7880/').then(
    (r) => r.ok,
    () => false,
  );

describe('K7 the local media server is watched and started again', () => {
  it('a killed livekit-server is started again and answers within seconds', async () => {
    app = await startAppProcess(3096);
    expect(await readiness()).toMatchObject({ status: 'ready', media: 'ok' });
    const [before] = app.liveKitPids();
    app.killLiveKit();
    const killed = performance.now();
    await expect.poll(answers, { timeout: 2_000 }).toBe(false);
    await expect
      .poll(async () => (await answers()) && app!.liveKitPids().some((pid) => pid !== before), {
        timeout: 30_000,
        interval: 50,
      })
      .toBe(true);
    const backMs = performance.now() - killed;
    process.stdout.write(`livekit-server killed: a new one answered after ${backMs.toFixed(0)} ms\n`);
    await expect.poll(async () => (await readiness()).media, { timeout: 5_000 }).toBe('ok');
    expect(app.liveKitPids()).toHaveLength(1);
  });
});

describe('K7 stopping while the local media server is being started again', () => {
  it('leaves no livekit-server behind', async () => {
    const restarting = (app = await startAppProcess(3097, { env: { LOG_LEVEL: 'error' } }));
    const config = `${restarting.dataDir}/livekit.yaml`;
    const left = () => spawnSync('pgrep', ['-f', config], { encoding: 'utf8' }).stdout.trim();
    restarting.killLiveKit();
    // The next one is spawned 0.5 s after the death and takes a moment to answer: stop in between.
    await sleep(600);
    await restarting.stop();
    await expect.poll(left, { timeout: 8_000 }).toBe('');
  });
});
