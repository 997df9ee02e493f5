import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { organizerApi, type OrganizerApi } from './organizerApi.js';

export const E2E_LIVEKIT_KEY = 'e2ekey';
export const E2E_LIVEKIT_SECRET = 'e2e-secret-e2e-secret-e2e-secret-0123';

/** No media server: tokens are still minted, and nothing but media depends on LiveKit being up. */
export const NO_MEDIA = {
  LIVEKIT_URL: 'ws://127.0.0.1:9',
  LIVEKIT_API_KEY: 'restart-key',
  LIVEKIT_API_SECRET: 'restart-secret-restart-secret-0123',
};

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface AppProcess extends OrganizerApi {
  url: string;
  dataDir: string;
  organizerToken: string;
  /** The process spawned: the server itself, or npm when `command` is an npm script. */
  pid: number;
  /** Resolves when that process has exited. */
  exited: Promise<ProcessExit>;
  /** The process ids of the app's own livekit-server children. */
  liveKitPids(): number[];
  /** Kills the app's own livekit-server child at once, as a crash would. */
  killLiveKit(): void;
  /** Sends `signal` to the spawned process only (not its group), as a service manager does. */
  signal(signal: NodeJS.Signals): void;
  /** Stops the app (SIGTERM, a graceful stop, unless `signal` says otherwise: SIGKILL is a crash). */
  stop(opts?: { keepData?: boolean; signal?: NodeJS.Signals }): Promise<void>;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * How to start OpenFloor: from source as `npm run dev` does (`tsx`, the default), the build as a
 * service manager does (`node dist/server/main.js`), or through the npm scripts an operator types.
 */
export type AppCommand = 'tsx' | 'node' | 'npm-serve' | 'npm-start';

const COMMANDS: Record<AppCommand, string[]> = {
  tsx: [process.execPath, '--import', 'tsx', 'server/main.ts'],
  node: [process.execPath, '--enable-source-maps', 'dist/server/main.js'],
  'npm-serve': ['npm', 'run', '--silent', 'serve'],
  'npm-start': ['npm', 'start', '--silent'],
};

export interface AppProcessOptions {
  /** Reuse a data directory (a restart). */
  dataDir?: string;
  /** Extra environment, e.g. LIVEKIT_URL to skip the local LiveKit server. */
  env?: Record<string, string>;
  command?: AppCommand;
  /** Run the command inside this one, e.g. `unshare -m -- sh -c '...; exec "$0" "$@"'`. */
  wrap?: string[];
  /** Run as another user (as root). */
  uid?: number;
  gid?: number;
}

/** The app's process with OpenFloor's environment: a fresh DATA_DIR unless given, known LiveKit keys. */
function spawnApp(port: number, options: AppProcessOptions, stderr: 'inherit' | 'pipe') {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'openfloor-e2e-'));
  const [program, ...args] = [...(options.wrap ?? []), ...COMMANDS[options.command ?? 'tsx']];
  const child: ChildProcess = spawn(program!, args, {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LIVEKIT_URL: '',
      LIVEKIT_API_KEY: E2E_LIVEKIT_KEY,
      LIVEKIT_API_SECRET: E2E_LIVEKIT_SECRET,
      LOG_LEVEL: 'warn',
      npm_config_update_notifier: 'false',
      ...options.env,
    },
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
    // Standard output is not read: a pipe nobody drains would stall the app once it filled.
    stdio: ['ignore', 'ignore', stderr],
  });
  const exited = new Promise<ProcessExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, dataDir, exited };
}

/** Runs OpenFloor until it exits by itself (a start-up that fails), with what it wrote to stderr. */
export async function runAppUntilExit(
  options: AppProcessOptions,
  timeoutMs = 15_000,
): Promise<ProcessExit & { stderr: string }> {
  const { child, exited } = spawnApp(0, options, 'pipe');
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exit = await exited;
  clearTimeout(timer);
  return { ...exit, stderr };
}

/** The livekit-server processes `pid` started itself. */
export function liveKitChildrenOf(pid: number): number[] {
  return spawnSync('pgrep', ['-P', String(pid), '-x', 'livekit-server'], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number);
}

/** The ids of every process below `pid`, from `ps`: what a stop must leave behind is none of them. */
export function descendants(pid: number): number[] {
  const table = spawnSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .map((row) => row.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  for (let frontier = [pid]; frontier.length > 0;) {
    frontier = table.filter(([, ppid]) => frontier.includes(ppid)).map(([child]) => child);
    found.push(...frontier);
  }
  return found;
}

/** Whether a process runs (a zombie, exited but not yet reaped, does not). */
export function isRunning(pid: number): boolean {
  const state = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
  return state !== '' && !state.startsWith('Z');
}

/**
 * Starts OpenFloor the way `npm run dev` does (server/main.ts, which runs its own livekit-server),
 * or by `command`, with a fresh DATA_DIR and known LiveKit keys so a test can call the LiveKit
 * server API too.
 */
export async function startAppProcess(port: number, options: AppProcessOptions = {}): Promise<AppProcess> {
  const { child, dataDir, exited } = spawnApp(port, options, 'inherit');
  const url = `http://127.0.0.1:${port}`;
  // Ready when this process answers: its own organizer token is accepted. A previous app still
  // draining on the same port answers too, but with another token.
  const tokenFile = join(dataDir, 'organizer-token');
  const answersAsThisApp = async () => {
    if (!existsSync(tokenFile)) return false;
    const token = readFileSync(tokenFile, 'utf8').trim();
    const me = { headers: { authorization: `Bearer ${token}` } };
    return fetch(`${url}/api/organizer/me`, me).then(
      (r) => r.ok,
      () => false,
    );
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`OpenFloor exited with ${child.exitCode ?? child.signalCode}`);
    if (await answersAsThisApp()) break;
    if (i > 600) {
      child.kill('SIGKILL');
      throw new Error('OpenFloor did not start within 60 s');
    }
    await sleep(100);
  }
  const liveKitPids = () => liveKitChildrenOf(child.pid!);
  const organizerToken = readFileSync(tokenFile, 'utf8').trim();
  return {
    url,
    dataDir,
    organizerToken,
    ...organizerApi(url, organizerToken),
    liveKitPids,
    pid: child.pid!,
    exited,
    signal: (signal) => void child.kill(signal),
    killLiveKit() {
      const pids = liveKitPids();
      if (pids.length === 0) throw new Error('The app runs no livekit-server child to stop.');
      for (const pid of pids) process.kill(pid, 'SIGKILL');
    },
    async stop({ keepData = false, signal = 'SIGTERM' } = {}) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const done = await Promise.race([exited.then(() => true), sleep(8000).then(() => false)]);
      if (!done) {
        // Still up 8 s after the signal: it would keep the port, and the next test file's app would
        // find this one answering there. Said, then killed.
        console.warn(`app process ${child.pid} still running 8 s after ${signal}: killing it`);
        child.kill('SIGKILL');
        await exited;
      }
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
