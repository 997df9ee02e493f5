// SIGTERM to the command an operator or a service manager starts (npm's pid only, never the
// group, as systemd, a container runtime or a process manager sends it) stops the whole server.
import { spawnSync } from 'node:child_process';
import { createServer, connect as tcpConnect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { findLiveKitBinary } from '../../server/livekit/binary.js';
import { PROTOCOL_VERSION } from '../../shared/protocol.js';
import {
  descendants,
  freePort,
  isRunning,
  NO_MEDIA,
  startAppProcess,
  type AppProcess,
  type ProcessExit,
} from '../support/appProcess.js';
import type { TestClient } from '../support/server.js';

/** The stop must be over by then: the grace for requests under way is 2 s. */
const STOP_WITHIN_MS = 5_000;
const LOCAL_LIVEKIT_PORT = 7880;

let app: AppProcess | undefined;
let tree: number[] = [];
afterEach(async () => {
  await app?.stop();
  // A failed test may have left the server running without its parent: end it, by its own pid.
  for (const pid of tree.filter(isRunning)) process.kill(pid, 'SIGKILL');
  app = undefined;
  tree = [];
});

const commandOf = (pid: number) =>
  spawnSync('ps', ['-o', 'comm=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();

/** Sends `signal` to the spawned process and waits for it: how it exited, how long it took. */
async function signalAndWait(
  target: AppProcess,
  signal: NodeJS.Signals,
): Promise<{ exit: ProcessExit | 'still running'; ms: number }> {
  const started = Date.now();
  target.signal(signal);
  const exit = await Promise.race([target.exited, sleep(STOP_WITHIN_MS * 2, 'still running' as const)]);
  return { exit, ms: Date.now() - started };
}

const answers = (url: string) =>
  fetch(`${url}/api/openapi.json`).then(
    () => 'answers',
    () => 'refused',
  );

/** An attendee connected over Socket.IO, which notes when the server disconnects it. */
async function attendee(target: AppProcess) {
  const session = await target.createSession('Signals');
  const link = await target.invite(session.id, 'attendee', 'Ada');
  const socket: TestClient = io(target.url, {
    auth: { token: link.url.split('/join/')[1]!, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: false,
  });
  const state = { connected: false, disconnected: false };
  socket.on('connect', () => (state.connected = true));
  socket.on('disconnect', () => (state.disconnected = true));
  await expect.poll(() => state.connected).toBe(true);
  return state;
}

/** A request whose body never comes: only the server's grace ends it. */
async function stalledRequest(url: string) {
  const { port } = new URL(url);
  const socket = tcpConnect(Number(port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('POST /api/captions/x?token=t&seq=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc');
  socket.on('error', () => {});
  await sleep(100);
  return socket;
}

describe('SIGTERM to the production start command', () => {
  it('npm run serve: npm and the server exit 0 within seconds, clients disconnected, no process left', async () => {
    const port = await freePort();
    app = await startAppProcess(port, { command: 'npm-serve', env: NO_MEDIA });
    const client = await attendee(app);
    tree = descendants(app.pid);
    expect(tree.map(commandOf)).toContain('node');

    const { exit, ms } = await signalAndWait(app, 'SIGTERM');

    expect(exit).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(STOP_WITHIN_MS);
    expect(client.disconnected).toBe(true);
    expect(await answers(app.url)).toBe('refused');
    expect(tree.filter(isRunning)).toEqual([]);
  });

  it('npm start with its own LiveKit server: the livekit-server child is stopped too', async (ctx) => {
    if (!findLiveKitBinary())
      ctx.skip('no livekit-server on PATH or in .tools/bin (npm test provisions one)');
    // The local LiveKit server has a fixed port: another one there would leave the app without a child.
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', () =>
        reject(new Error(`127.0.0.1:${LOCAL_LIVEKIT_PORT} is taken: stop what listens there`)),
      );
      probe.listen(LOCAL_LIVEKIT_PORT, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => probe.close(resolve));
    const port = await freePort();
    app = await startAppProcess(port, { command: 'npm-start', env: { LIVEKIT_URL: '' } });
    tree = descendants(app.pid);
    expect(tree.map(commandOf)).toEqual(expect.arrayContaining(['node', 'livekit-server']));

    const { exit, ms } = await signalAndWait(app, 'SIGTERM');

    expect(exit).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(STOP_WITHIN_MS);
    expect(await answers(app.url)).toBe('refused');
    expect(await answers(`http://127.0.0.1:${LOCAL_LIVEKIT_PORT}`)).toBe('refused');
    expect(tree.filter(isRunning)).toEqual([]);
  });

  it('a request that never finishes holds the stop for the grace only, then its connection is closed', async () => {
    const port = await freePort();
    app = await startAppProcess(port, { command: 'node', env: NO_MEDIA });
    const stalled = await stalledRequest(app.url);
    const closed = new Promise((resolve) => stalled.once('close', resolve));

    const { exit, ms } = await signalAndWait(app, 'SIGTERM');

    expect(exit).toEqual({ code: 0, signal: null });
    // It waited for the request (2 s of grace), and no longer.
    expect(ms).toBeGreaterThan(1_500);
    expect(ms).toBeLessThan(STOP_WITHIN_MS);
    await closed;
  });

  it('a second SIGTERM exits at once, with 128 + 15', async () => {
    const port = await freePort();
    app = await startAppProcess(port, { command: 'node', env: NO_MEDIA });
    await stalledRequest(app.url);
    app.signal('SIGTERM');
    await sleep(200);

    const { exit, ms } = await signalAndWait(app, 'SIGTERM');

    expect(exit).toEqual({ code: 143, signal: null });
    expect(ms).toBeLessThan(1_000);
  });
});
