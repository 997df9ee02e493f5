// One child process of a local cluster (Redis, HAProxy, a LiveKit node, an OpenFloor node): spawned
// in its own process group with its output in a log file, ready when its own check says so, and
// stopped, killed, paused or restarted by signal. Whatever is still running when this process exits
// (an error half-way, a second Ctrl-C) is killed then, so nothing outlives the cluster.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { descendants, isRunning, type ProcessExit } from '../../tests/support/appProcess.js';

export { descendants, isRunning, type ProcessExit };

export interface ServiceSpec {
  /** For messages and the log: "redis", "node n1". */
  name: string;
  argv: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Standard output and error go here, appended across restarts. */
  logPath: string;
  /** Polled until it answers true; the service counts as started then. */
  ready(): Promise<boolean>;
  readyTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
}

export interface Service {
  readonly name: string;
  /** The current process (a restart changes it). */
  readonly pid: number;
  readonly logPath: string;
  /** Resolves when the current process has exited. */
  readonly exited: Promise<ProcessExit>;
  running(): boolean;
  /** The process and every process below it (HAProxy's workers), now. */
  pids(): number[];
  /** Sends a signal to the process only, as a crash (SIGKILL) or a service manager (SIGTERM) would. */
  kill(signal?: NodeJS.Signals): void;
  /** SIGSTOP: the process hangs, its sockets stay open (a frozen machine, a long GC pause). */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
  /** SIGTERM, then SIGKILL if it has not exited in time; resolves once it has exited. */
  stop(): Promise<void>;
  /** stop(), then the same command again (same ports), ready as before. */
  restart(): Promise<void>;
  /** The end of the log, for a failing test's message. */
  logTail(lines?: number): string;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
const POLL_MS = 100;

/** Last-resort kills for this process's exit: every child still running, and cleanups registered. */
const cleanups = new Set<() => void>();
let exitHookInstalled = false;

/** Runs `cleanup` (synchronously) if this process exits before `unregister` is called. */
export function onExitCleanup(cleanup: () => void): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const fn of [...cleanups].reverse()) {
        try {
          fn();
        } catch {
          // one failed cleanup must not keep the others from running
        }
      }
    });
  }
  cleanups.add(cleanup);
  return () => void cleanups.delete(cleanup);
}

function killTree(pid: number): void {
  for (const p of [pid, ...descendants(pid)]) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function tail(path: string, lines: number): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function launch(spec: ServiceSpec): { child: ChildProcess; exited: Promise<ProcessExit> } {
  const fd = openSync(spec.logPath, 'a');
  writeSync(fd, `\n--- ${new Date().toISOString()} starting ${spec.name}: ${spec.argv.join(' ')}\n`);
  const [program, ...args] = spec.argv;
  // Its own process group: a Ctrl-C in the terminal reaches the cluster script alone, which then
  // stops the parts in order (HAProxy first, PostgreSQL last) instead of all of them at once.
  const child = spawn(program!, args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    // A program that cannot be spawned (not installed) emits 'error' and no 'exit'.
    child.once('error', () => resolve({ code: 127, signal: null }));
  });
  return { child, exited };
}

async function waitReady(spec: ServiceSpec, child: ChildProcess): Promise<void> {
  const timeoutMs = spec.readyTimeoutMs ?? READY_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
      const how = child.signalCode ?? `exit code ${child.exitCode ?? 'unknown: could not spawn'}`;
      throw new Error(
        `${spec.name} exited (${how}) before it was ready. Its log:\n${tail(spec.logPath, 30)}`,
      );
    }
    if (await spec.ready().catch(() => false)) return;
    if (Date.now() > deadline) {
      killTree(child.pid);
      throw new Error(
        `${spec.name} was not ready within ${timeoutMs / 1000} s. Its log:\n${tail(spec.logPath, 30)}`,
      );
    }
    await sleep(POLL_MS);
  }
}

/** Starts the service and resolves once it is ready; a service that fails to start is killed. */
export async function startService(spec: ServiceSpec): Promise<Service> {
  let current = launch(spec);
  let unregister = onExitCleanup(() => current.child.pid && killTree(current.child.pid));
  const isUp = () => current.child.exitCode === null && current.child.signalCode === null;
  const signal = (s: NodeJS.Signals) => {
    if (isUp()) current.child.kill(s);
  };
  const start = async () => {
    try {
      await waitReady(spec, current.child);
    } catch (err) {
      await current.exited;
      unregister();
      throw err;
    }
  };
  await start();

  const stop = async () => {
    if (isUp()) {
      current.child.kill('SIGTERM');
      // A paused process would only see the SIGTERM once continued.
      current.child.kill('SIGCONT');
      const timeoutMs = spec.stopTimeoutMs ?? STOP_TIMEOUT_MS;
      const late = await Promise.race([current.exited.then(() => false), sleep(timeoutMs, true)]);
      if (late) killTree(current.child.pid!);
    }
    await current.exited;
    unregister();
  };

  return {
    name: spec.name,
    get pid() {
      return current.child.pid!;
    },
    logPath: spec.logPath,
    get exited() {
      return current.exited;
    },
    running: isUp,
    pids: () => (isUp() ? [current.child.pid!, ...descendants(current.child.pid!)] : []),
    kill: (s = 'SIGKILL') => signal(s),
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    stop,
    async restart() {
      await stop();
      current = launch(spec);
      unregister = onExitCleanup(() => current.child.pid && killTree(current.child.pid));
      await start();
    },
    logTail: (lines = 40) => tail(spec.logPath, lines),
  };
}

/** Whether a program is installed: on PATH, or in the sbin folders a non-root PATH often lacks. */
export function findProgram(name: string): string | null {
  const found = spawnSync('sh', ['-c', `PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin" command -v ${name}`], {
    encoding: 'utf8',
  });
  return found.status === 0 ? found.stdout.trim() : null;
}
