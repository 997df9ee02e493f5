// npm run bench:captions [-- --viewers N --seconds S --workers W]: live caption delivery.
// N attendees join a live session over WebSocket; one captioner streams at 250 words per minute for
// S seconds through the real ack'ed console commands (caption:update with the whole line in progress
// after every word, caption:commit every 12 words). Every viewer stamps each caption:partial and
// caption:line on receipt; latency = receipt time - the server's `at` stamp (same machine, same
// clock; `at` has millisecond resolution). The same load then runs against a bare Socket.IO
// broadcast server (baselineServer.ts) for comparison. Each server runs in its own process (CPU
// and memory are measured there); the viewers run in W worker processes (0 = in this process).
// File descriptors: each viewer is one socket in the viewer process and one in the server process,
// so --viewers 5000 needs `ulimit -n` above ~5,100 (Node cannot raise it; run `ulimit -n 8192` first).
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type PayloadOf } from '../../shared/protocol.js';
import { ask as askWithin, type BenchClient } from './client.js';

type Client = BenchClient;
// A join storm of thousands of viewers: acknowledgements may take long.
const ask: typeof askWithin = (s, e, p) => askWithin(s, e, p, 120_000);
type Kind = 'partial' | 'line';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    viewers: { type: 'string' },
    seconds: { type: 'string', default: '30' },
    workers: { type: 'string', default: '1' },
    worker: { type: 'boolean', default: false },
  },
});
const VIEWERS = Number(values.viewers ?? positionals[0] ?? 2000);
const SECONDS = Number(values.seconds);
const WORKERS = Number(values.workers);
const [WPM, WORDS_PER_LINE] = [250, 12];
const WORDS = 'so the council will now hear public comment on the proposed budget for our parks and library';

/** CPU ms spent so far by every process on the machine (user + nice + system; Linux only, else NaN). */
function machineCpuMs(): number {
  try {
    const [, user, nice, system] = readFileSync('/proc/stat', 'utf8').split(/\s+/, 4).map(Number);
    return (user! + nice! + system!) * 10; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}
const nowMs = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

async function connect(url: string, token: string): Promise<Client> {
  const socket: Client = io(url, {
    auth: token ? { token, protocol: PROTOCOL_VERSION } : {},
    transports: ['websocket'],
    forceNew: true,
  });
  const joined = await ask(socket, 'room:join', {});
  if (!joined.ok) throw new Error(`join refused: ${joined.message}`);
  return socket;
}

/** A group of viewers in one process: they connect, join, and record what they receive. */
function createViewers() {
  let sockets: Client[] = [];
  const lat = { partial: [] as number[], line: [] as number[] };
  const got = { partial: new Uint32Array(0), line: new Uint32Array(0) };
  let [cpu0, t0] = [process.cpuUsage(), performance.now()];
  const viewer = async (url: string, token: string, i: number) => {
    const socket = await connect(url, token);
    const record = (k: Kind) => (m: { at: string }) => {
      lat[k].push(nowMs() - Date.parse(m.at));
      got[k][i]!++;
    };
    socket.on('caption:partial', record('partial'));
    socket.on('caption:line', record('line'));
    return socket;
  };
  const sum = (a: Uint32Array) => a.reduce((x, y) => x + y, 0);
  return {
    async open(url: string, tokens: string[]) {
      [got.partial, got.line] = [new Uint32Array(tokens.length), new Uint32Array(tokens.length)];
      for (let i = 0; i < tokens.length; i += 100) {
        sockets.push(...(await Promise.all(tokens.slice(i, i + 100).map((t, j) => viewer(url, t, i + j)))));
      }
    },
    reset() {
      [lat.partial, lat.line] = [[], []];
      got.partial.fill(0);
      got.line.fill(0);
      [cpu0, t0] = [process.cpuUsage(), performance.now()];
    },
    progress: () => sum(got.partial) + sum(got.line),
    collect() {
      const cpu = process.cpuUsage(cpu0);
      return {
        lat: { partial: Float64Array.from(lat.partial), line: Float64Array.from(lat.line) },
        got: { partial: Array.from(got.partial), line: Array.from(got.line) },
        cpuMs: (cpu.user + cpu.system) / 1000,
        wallMs: performance.now() - t0,
      };
    },
    close() {
      for (const s of sockets) s.disconnect();
      sockets = [];
    },
  };
}
type Viewers = ReturnType<typeof createViewers>;
type Remote = {
  [K in keyof Viewers]: (...a: Parameters<Viewers[K]>) => Promise<Awaited<ReturnType<Viewers[K]>>>;
};
const OPS = ['open', 'reset', 'progress', 'collect', 'close'] as const;
const invoke = (v: Viewers, op: keyof Viewers, args: unknown[]) =>
  Promise.resolve((v[op] as (...a: unknown[]) => unknown)(...args));
const asRemote = (call: (op: keyof Viewers, args: unknown[]) => Promise<unknown>) =>
  Object.fromEntries(OPS.map((op) => [op, (...args: unknown[]) => call(op, args)])) as unknown as Remote;

// Every child answers each request with one message, in order, and is never asked twice at once.
async function request<T>(child: ChildProcess, msg: object): Promise<T> {
  child.send(msg);
  return ((await once(child, 'message')) as [T])[0];
}
type Sample = { cpu: NodeJS.CpuUsage; rss: number; heapUsed: number };
const sample = (server: ChildProcess) => request<Sample>(server, { type: 'sample' });

/** A viewer group in a worker process (this script with --worker), driven over IPC. */
function spawnWorker(): { group: Remote; exited: Promise<unknown> } {
  const execArgv = ['--import', 'tsx'];
  const child = fork(fileURLToPath(import.meta.url), ['--worker'], { execArgv, serialization: 'advanced' });
  return { group: asRemote((op, args) => request(child, { op, args })), exited: once(child, 'exit') };
}

/** The captioner: one word every 60/WPM s on a fixed schedule; commands chained as the console does. */
async function stream(captioner: Client) {
  const words = WORDS.split(' ');
  const total = Math.floor((SECONDS * WPM) / 60);
  const t0 = performance.now();
  const acks: number[] = [];
  let [updates, commits, refused, behindMs] = [0, 0, 0, 0];
  let chain = Promise.resolve();
  const send = <E extends 'caption:update' | 'caption:commit'>(e: E, p: PayloadOf<E>) => {
    chain = chain.then(async () => {
      const sent = performance.now();
      const ack = (await ask(captioner, e, p)) as { ok: boolean };
      acks.push(performance.now() - sent);
      if (!ack.ok) refused++;
    });
  };
  let line: string[] = [];
  for (let w = 0; w < total; w++) {
    const due = t0 + (w * 60_000) / WPM;
    await sleep(due - performance.now());
    behindMs = Math.max(behindMs, performance.now() - due);
    line.push(words[w % words.length]!);
    send('caption:update', { text: line.join(' ') });
    updates++;
    if (line.length === WORDS_PER_LINE || w === total - 1) {
      send('caption:commit', {});
      [commits, line] = [commits + 1, []];
    }
  }
  await chain;
  return { updates, commits, refused, behindMs, ack: stats(Float64Array.from(acks)) };
}

function stats(values: Float64Array) {
  const s = Float64Array.from(values).sort();
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), max: s.at(-1) ?? NaN };
}
const concat = (arrays: Float64Array[]) => Float64Array.from(arrays.flatMap((a) => Array.from(a)));

async function runTarget(name: string, file: string) {
  const server = fork(fileURLToPath(new URL(file, import.meta.url)), [String(VIEWERS)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  });
  const serverExit = once(server, 'exit');
  type Ready = [{ url: string; captioner: string; attendees: string[] }];
  const [info] = (await once(server, 'message')) as Ready;
  const empty = await sample(server);
  const workers = Array.from({ length: WORKERS }, spawnWorker);
  const local = createViewers();
  const groups = workers.length ? workers.map((w) => w.group) : [asRemote((op, a) => invoke(local, op, a))];
  const captioner = await connect(info.url, info.captioner);
  const tokens = info.attendees.length ? info.attendees : Array<string>(VIEWERS).fill('');
  const per = Math.ceil(VIEWERS / groups.length);
  const joinStart = performance.now();
  await Promise.all(groups.map((g, k) => g.open(info.url, tokens.slice(k * per, (k + 1) * per))));
  const joinS = (performance.now() - joinStart) / 1000;
  console.log(`${name}: ${VIEWERS} viewers joined in ${joinS.toFixed(1)} s; streaming for ${SECONDS} s`);
  await sleep(2000); // let the coalesced audience broadcasts of the joins finish
  const joined = await sample(server);
  await Promise.all(groups.map((g) => g.reset()));
  const cpuStart = await sample(server);
  const [wallStart, machineStart, parentStart] = [performance.now(), machineCpuMs(), process.cpuUsage()];
  const s = await stream(captioner);
  const [wantPartials, wantLines] = [s.updates + s.commits, s.commits];
  // Delivery is part of the work measured: wait until every viewer has everything (or 30 s).
  for (const until = performance.now() + 30_000; performance.now() < until; await sleep(50)) {
    const got = await Promise.all(groups.map((g) => g.progress()));
    if (got.reduce((a, n) => a + n, 0) >= (wantPartials + wantLines) * VIEWERS) break;
  }
  const cpuEnd = await sample(server);
  const [wallMs, machineMs] = [performance.now() - wallStart, machineCpuMs() - machineStart];
  const parent = process.cpuUsage(parentStart);
  const results = await Promise.all(groups.map((g) => g.collect()));
  captioner.disconnect();
  await Promise.all(groups.map((g) => g.close()));
  await Promise.all(workers.map((w) => w.exited));
  server.send({ type: 'stop' });
  await serverExit;

  const counts = (k: Kind, want: number) => {
    const got = results.flatMap((r) => r.got[k]);
    const missing = got.reduce((a, n) => a + Math.max(0, want - n), 0);
    const total = got.reduce((a, n) => a + n, 0);
    return { want: want * VIEWERS, got: total, missing, viewersShort: got.filter((n) => n < want).length };
  };
  const clientMs = results.reduce((a, r) => a + r.cpuMs, 0);
  const cpuMs = (cpuEnd.cpu.user + cpuEnd.cpu.system - cpuStart.cpu.user - cpuStart.cpu.system) / 1000;
  return {
    joinS,
    partial: stats(concat(results.map((r) => r.lat.partial))),
    line: stats(concat(results.map((r) => r.lat.line))),
    partials: counts('partial', wantPartials),
    lines: counts('line', wantLines),
    ...s,
    windowS: wallMs / 1000,
    cpuPct: (cpuMs / wallMs) * 100,
    cpuMsPerViewerMin: cpuMs / VIEWERS / (wallMs / 60_000),
    rssEmptyMB: empty.rss / 2 ** 20,
    rssJoinedMB: joined.rss / 2 ** 20,
    rssPerViewerB: (joined.rss - empty.rss) / VIEWERS,
    heapPerViewerB: (joined.heapUsed - empty.heapUsed) / VIEWERS,
    clientCpuPct: (clientMs / wallMs) * 100,
    // Anything else running on the machine meanwhile competes for the same cores: it is reported.
    otherCpuPct: ((machineMs - cpuMs - clientMs - (parent.user + parent.system) / 1000) / wallMs) * 100,
  };
}

async function main() {
  console.log(`bench:captions: ${VIEWERS} viewers, ${SECONDS} s at ${WPM} wpm, viewer workers: ${WORKERS}`);
  const of = await runTarget('OpenFloor', './captionsServer.ts');
  const base = await runTarget('baseline', './baselineServer.ts');
  type Result = typeof of;
  const rows: [string, (r: Result) => number][] = [];
  for (const k of ['partial', 'line', 'ack'] as const) {
    for (const p of ['p50', 'p95', 'p99', 'max'] as const) rows.push([`${k} ${p} ms`, (r) => r[k][p]]);
  }
  rows.push(
    ['server CPU % of a core', (r) => r.cpuPct],
    ['server CPU ms/viewer/min', (r) => r.cpuMsPerViewerMin],
    ['server RSS before join MB', (r) => r.rssEmptyMB],
    ['server RSS joined MB', (r) => r.rssJoinedMB],
    ['server RSS / viewer KB', (r) => r.rssPerViewerB / 1024],
    ['server heap / viewer KB', (r) => r.heapPerViewerB / 1024],
    ['join all viewers s', (r) => r.joinS],
    ['viewer procs CPU %', (r) => r.clientCpuPct],
    ['other procs CPU %', (r) => r.otherCpuPct],
  );
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(Math.abs(n) < 10 ? 2 : 1) : '-');
  console.log(
    `\n${'metric'.padEnd(26)}${'OpenFloor'.padStart(11)}${'baseline'.padStart(11)}${'ratio'.padStart(8)}`,
  );
  const ratios: Record<string, number> = {};
  for (const [label, get] of rows) {
    const [a, b] = [get(of), get(base)];
    ratios[label] = a / b;
    console.log(`${label.padEnd(26)}${f(a).padStart(11)}${f(b).padStart(11)}${`${f(a / b)}x`.padStart(8)}`);
  }
  for (const [label, r] of Object.entries({ OpenFloor: of, baseline: base })) {
    const c = (x: Result['lines']) => `${x.got}/${x.want} (missing ${x.missing}, ${x.viewersShort} short)`;
    console.log(
      `${label}: partials ${c(r.partials)}, lines ${c(r.lines)}; sent ${r.updates} updates + ${r.commits} ` +
        `commits, ${r.refused} refused, captioner at most ${f(r.behindMs)} ms behind schedule`,
    );
  }
  const config = { viewers: VIEWERS, seconds: SECONDS, wpm: WPM, workers: WORKERS };
  console.log(
    `BENCH ${JSON.stringify({ bench: 'captions', ...config, openfloor: of, baseline: base, ratios })}`,
  );
}

if (values.worker) {
  // A worker process: runs one group of viewers for the parent, then leaves once they are closed.
  const viewers = createViewers();
  process.on('message', (m: { op: keyof Viewers; args: unknown[] }) => {
    void invoke(viewers, m.op, m.args).then((value) => {
      process.send!(value ?? null);
      if (m.op === 'close') process.disconnect();
    });
  });
} else {
  await main();
}
