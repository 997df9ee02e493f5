import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LocalLiveKitOptions {
  binary: string;
  dataDir: string;
  apiKey: string;
  apiSecret: string;
  /** Signal port; RTC uses port+1 (TCP) and port+2 (UDP). */
  port: number;
  /** Where LiveKit posts its room and participant events (policy K4). */
  webhookUrl: string;
  log: (line: string) => void;
  /** For what an operator should notice: the server died and is being started again. */
  warn: (line: string) => void;
  /** Start the server again when it dies on its own (default true). */
  restartOnExit?: boolean;
}

export interface LocalLiveKit {
  /** ws:// URL for browsers and the server SDK. */
  url: string;
  stop(): Promise<void>;
}

/**
 * See configYaml. Measured with `npm run bench -- --only media` (10 floors each, same machine):
 * subscribed → on stage 346 ms at 200 ms against 654 ms at LiveKit's 500. Higher layers keep
 * LiveKit's 1 s: their keyframes are the costly ones, and a join storm asks for many.
 */
const PLI_THROTTLE_LOW_MS = 200;

// Loopback only: a development server that offers 127.0.0.1 candidates and listens nowhere else.
function configYaml(o: LocalLiveKitOptions): string {
  return [
    `port: ${o.port}`,
    'bind_addresses: ["127.0.0.1"]',
    'keys:',
    `  ${o.apiKey}: ${o.apiSecret}`,
    'rtc:',
    '  node_ip: 127.0.0.1',
    '  use_external_ip: false',
    '  enable_loopback_candidate: true',
    `  tcp_port: ${o.port + 1}`,
    `  udp_port: ${o.port + 2}`,
    // How soon the media server may ask a camera for a new keyframe of its bottom layer after the
    // last (LiveKit: 500 ms). A new subscriber waits for one before its first frame, and the stage
    // starts every tile at that layer: the floor's first frame waited for the throttle.
    '  pli_throttle:',
    `    low_quality: ${PLI_THROTTLE_LOW_MS}ms`,
    'webhook:',
    `  api_key: ${o.apiKey}`,
    '  urls:',
    `    - ${o.webhookUrl}`,
    'logging:',
    '  level: warn',
    '',
  ].join('\n');
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`livekit-server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`livekit-server did not answer on ${url} within ${timeoutMs} ms`);
}

// After an unexpected exit, the next start waits this long, doubling up to RESTART_MAX_MS; a server
// that ran for STABLE_MS counts as healthy again and the next crash restarts it at once.
const RESTART_FIRST_MS = 500;
const RESTART_MAX_MS = 30_000;
const STABLE_MS = 60_000;

/** Starts livekit-server and waits until it answers; `spawned` hears of the child at once. */
async function launch(
  o: LocalLiveKitOptions,
  configPath: string,
  spawned: (child: ChildProcess) => void,
): Promise<ChildProcess> {
  const child = spawn(o.binary, ['--config', configPath], { stdio: ['ignore', 'inherit', 'inherit'] });
  spawned(child);
  try {
    await waitUntilReady(`http://127.0.0.1:${o.port}/`, child, 15_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return child;
}

/**
 * Runs livekit-server as a child process until stop() (or this process) ends it. A child that dies
 * on its own (a crash, the OOM killer, a stray kill) is started again, as a supervisor would: the
 * media health probe tells every page when it is back, and they reconnect.
 */
export async function startLocalLiveKit(o: LocalLiveKitOptions): Promise<LocalLiveKit> {
  const configPath = join(o.dataDir, 'livekit.yaml');
  writeFileSync(configPath, configYaml(o), { mode: 0o600 });
  // The child being started counts from its spawn: a stop (or this process's exit) during a
  // restart must reach it, or it would outlive us.
  let child!: ChildProcess;
  const current = (c: ChildProcess) => void (child = c);
  // Set before the first start (launch spawns before it waits), so an exit reaches a child starting.
  const killChild = () => child.kill('SIGTERM');
  process.once('exit', killChild);
  try {
    await launch(o, configPath, current);
  } catch (err) {
    process.off('exit', killChild);
    throw err;
  }
  let stopping = false;
  let failures = 0;
  let startedAt = Date.now();

  const restart = async () => {
    if (stopping) return;
    try {
      await launch(o, configPath, current);
    } catch (err) {
      o.warn(`livekit-server did not start again (${err instanceof Error ? err.message : String(err)})`);
      return scheduleRestart();
    }
    if (stopping) return;
    startedAt = Date.now();
    o.log(`LiveKit server running again on ws://127.0.0.1:${o.port} (pid ${child.pid})`);
    supervise();
  };
  const scheduleRestart = () => {
    const delay = Math.min(RESTART_FIRST_MS * 2 ** failures++, RESTART_MAX_MS);
    setTimeout(() => void restart(), delay).unref();
  };
  const supervise = () =>
    child.once('exit', (code, signal) => {
      if (stopping || o.restartOnExit === false) return;
      if (Date.now() - startedAt >= STABLE_MS) failures = 0;
      o.warn(`livekit-server stopped unexpectedly (${signal ?? `exit code ${code}`}); starting it again`);
      scheduleRestart();
    });
  supervise();

  o.log(`LiveKit server running on ws://127.0.0.1:${o.port} (pid ${child.pid})`);
  return {
    url: `ws://127.0.0.1:${o.port}`,
    async stop() {
      stopping = true;
      process.off('exit', killChild);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000).then(() => child.kill('SIGKILL'))]);
    },
  };
}
