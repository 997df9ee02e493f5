// npm run bench:lifecycle [-- --sessions N --concurrency C --idle S --warmup W]: memory kept for sessions that
// are over. N sessions each run their whole life against the real app (in its own process, no
// media): created, staffed, lobby, live; a moderator, a captioner, a speaker and two attendees join;
// a hand is raised, the floor given, a line captioned and a line left in progress, the floor ended.
// Half of the sessions are then ended by the moderator; in the other half everyone just leaves (an
// open session nobody is in). The server's heap after a forced collection is printed before (after
// W warm-up sessions), right after, and after S seconds idle; the figure to watch is what stays per
// session.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type AckOf,
  type ClientToServerEvents,
  type PayloadOf,
} from '../../shared/protocol.js';
import { ask, type BenchClient } from './client.js';
import { reportFigures } from './report.js';
import type { InviteRole } from '../../shared/roles.js';

type Client = BenchClient;
const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '10' },
    idle: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '100' },
  },
});
const SESSIONS = Number(values.sessions);
const CONCURRENCY = Number(values.concurrency);
const IDLE_S = Number(values.idle);
const WARMUP = Number(values.warmup);

const BENCH_ORGANIZER_TOKEN = 'bench-organizer-token-0123456789';
const server = fork('scripts/bench/lifecycleServer.ts', [BENCH_ORGANIZER_TOKEN], {
  execArgv: ['--expose-gc', '--import', 'tsx'],
});
const { url } = ((await once(server, 'message')) as [{ url: string }])[0];
async function heap(): Promise<number> {
  server.send({ type: 'sample' });
  return ((await once(server, 'message')) as [{ heapUsed: number }])[0].heapUsed;
}

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${BENCH_ORGANIZER_TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function must<E extends keyof ClientToServerEvents>(s: Client, e: E, p: PayloadOf<E>) {
  const result = (await ask(s, e, p)) as { ok: boolean; message?: string };
  if (!result.ok) throw new Error(`${e}: ${result.message}`);
  return result as AckOf<E> & { ok: true };
}

async function person(sessionId: string, role: InviteRole) {
  const invite = await api<{ id: string; url: string }>('POST', `/sessions/${sessionId}/invites`, {
    role,
    name: `A ${role}`,
  });
  const socket: Client = io(url, {
    auth: { token: invite.url.split('/join/')[1]!, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  await must(socket, 'room:join', {});
  return { id: invite.id, socket };
}

async function lifeOf(n: number) {
  const start = Date.now();
  const { id } = await api<{ id: string }>('POST', '/sessions', {
    title: `Session ${n}`,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 3_600_000).toISOString(),
    timeZone: 'UTC',
  });
  await api('POST', `/sessions/${id}/lifecycle/open-lobby`, {});
  const roles: InviteRole[] = ['moderator', 'captioner', 'speaker', 'attendee', 'attendee'];
  const [moderator, captioner, speaker, ...attendees] = await Promise.all(roles.map((r) => person(id, r)));
  await must(moderator!.socket, 'session:advance', { action: 'go-live' });
  await must(speaker!.socket, 'queue:raise-hand', { topic: 'work' });
  await must(moderator!.socket, 'floor:give', { participantId: speaker!.id });
  await must(speaker!.socket, 'floor:accept', {});
  await must(captioner!.socket, 'caption:update', { text: 'A line said on the floor.' });
  await must(captioner!.socket, 'caption:commit', {});
  await must(captioner!.socket, 'caption:update', { text: 'and a line left in progress' });
  await must(moderator!.socket, 'floor:end', {});
  const everyone = [moderator!, captioner!, speaker!, ...attendees];
  if (n % 2 === 0) await must(moderator!.socket, 'session:advance', { action: 'end' });
  for (const p of everyone) p.socket.disconnect();
}

async function run(count: number) {
  for (let n = 0; n < count; n += CONCURRENCY) {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count - n) }, (_, i) => lifeOf(n + i)));
  }
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
// The first sessions also fill what the process keeps once (compiled code, caches): not per session.
await run(WARMUP);
await new Promise((r) => setTimeout(r, 1_000));
const before = await heap();
const started = performance.now();
await run(SESSIONS);
const seconds = (performance.now() - started) / 1000;
// Let disconnections and the server's own timers settle before the first sample.
await new Promise((r) => setTimeout(r, 1_000));
const after = await heap();
await new Promise((r) => setTimeout(r, IDLE_S * 1000));
const idle = await heap();
server.send({ type: 'stop' });
await once(server, 'exit');

const perSession = (bytes: number) => `${((bytes - before) / 1024 / SESSIONS).toFixed(2)} KiB`;
process.stdout.write(
  `\n${SESSIONS} sessions through their whole life (${CONCURRENCY} at a time, ${seconds.toFixed(1)} s); ` +
    'server heap after a forced collection:\n\n' +
    '| when | heap | kept per session |\n| --- | --- | --- |\n' +
    `| before (baseline, after ${WARMUP} warm-up sessions) | ${kib(before)} | |\n` +
    `| after | ${kib(after)} | ${perSession(after)} |\n` +
    `| after ${IDLE_S} s idle | ${kib(idle)} | ${perSession(idle)} |\n`,
);
reportFigures({
  bench: 'lifecycle',
  size: `${SESSIONS} sessions`,
  figures: [
    {
      metric: 'heap kept per session over, right after',
      value: (after - before) / 1024 / SESSIONS,
      unit: 'KB',
    },
    {
      metric: `heap kept per session over, ${IDLE_S} s idle`,
      value: (idle - before) / 1024 / SESSIONS,
      unit: 'KB',
    },
  ],
});
