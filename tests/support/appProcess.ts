import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { InviteRole } from '../../shared/roles.js';

export const E2E_LIVEKIT_KEY = 'e2ekey';
export const E2E_LIVEKIT_SECRET = 'e2e-secret-e2e-secret-e2e-secret-0123';

export interface AppProcess {
  url: string;
  dataDir: string;
  organizerToken: string;
  /** A session, taken live unless `status` says how far; `fields` adds to or replaces the defaults. */
  createSession(
    title: string,
    status?: 'scheduled' | 'lobby' | 'live',
    fields?: Record<string, unknown>,
  ): Promise<{ id: string }>;
  /** POST to the organizer API (path after /api) with the organizer token. */
  post<T>(path: string, body: unknown): Promise<T>;
  invite(sessionId: string, role: InviteRole, name: string): Promise<{ id: string; url: string }>;
  /** Kills the app's own livekit-server child at once, as a crash would. */
  killLiveKit(): void;
  /** Stops the app (SIGTERM, a graceful stop, unless `signal` says otherwise: SIGKILL is a crash). */
  stop(opts?: { keepData?: boolean; signal?: NodeJS.Signals }): Promise<void>;
}

export interface AppProcessOptions {
  /** Reuse a data directory (a restart). */
  dataDir?: string;
  /** Extra environment, e.g. LIVEKIT_URL to skip the local LiveKit server. */
  env?: Record<string, string>;
}

/**
 * Starts OpenFloor the way `npm start` does (server/main.ts, which runs its own livekit-server),
 * with a fresh DATA_DIR and known LiveKit keys so a test can call the LiveKit server API too.
 */
export async function startAppProcess(port: number, options: AppProcessOptions = {}): Promise<AppProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'openfloor-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LIVEKIT_URL: '',
      LIVEKIT_API_KEY: E2E_LIVEKIT_KEY,
      LIVEKIT_API_SECRET: E2E_LIVEKIT_SECRET,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    // Standard output is not read: a pipe nobody drains would stall the app once it filled.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`OpenFloor exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/api/openapi.json`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 300) throw new Error('OpenFloor did not start within 30 s');
    await sleep(100);
  }
  const organizerToken = readFileSync(join(dataDir, 'organizer-token'), 'utf8').trim();
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${url}/api${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${organizerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    url,
    dataDir,
    organizerToken,
    post,
    async createSession(title, status = 'live', fields = {}) {
      const session = await post<{ id: string }>('/sessions', {
        title,
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        timeZone: 'America/New_York',
        ...fields,
      });
      const action = { scheduled: null, lobby: 'open-lobby', live: 'go-live' }[status];
      if (action) await post(`/sessions/${session.id}/lifecycle/${action}`, {});
      return session;
    },
    invite: (sessionId, role, name) => post(`/sessions/${sessionId}/invites`, { role, name }),
    killLiveKit() {
      const found = spawnSync('pgrep', ['-P', String(child.pid), '-x', 'livekit-server'], {
        encoding: 'utf8',
      });
      const pids = found.stdout.split('\n').filter(Boolean).map(Number);
      if (pids.length === 0) throw new Error('The app runs no livekit-server child to stop.');
      for (const pid of pids) process.kill(pid, 'SIGKILL');
    },
    async stop({ keepData = false, signal = 'SIGTERM' } = {}) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await Promise.race([exited, sleep(8000)]);
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
