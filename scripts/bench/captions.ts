// npm run bench:captions [-- --viewers N --seconds S --workers W --nodes K]: live caption delivery.
// N attendees join a live session over WebSocket; one captioner streams at 250 words per minute for
// S seconds through the real ack'ed console commands (caption:update with the whole line in progress
// after every word, caption:commit every 12 words). Every viewer stamps each caption:partial and
// caption:line on receipt; latency = receipt time - the server's `at` stamp (same machine, same
// clock; `at` has millisecond resolution). The same load then runs against a bare Socket.IO
// broadcast server (baselineServer.ts) for comparison. Each server runs in its own process (CPU
// and memory are measured there); the viewers run in W worker processes (0 = in this process).
//
// --nodes K (2 to 4) adds, between the two, the same load on a cluster on this machine
// (scripts/cluster: PostgreSQL, Redis, K nodes of the BUILD, made first if the source is newer,
// and HAProxy in front; no LiveKit). Viewers and captioner connect through HAProxy, whose
// leastconn spreads them; each node's /metrics says how many sockets it held. CPU is each process's
// utime + stime from /proc over the streaming window: every node, PostgreSQL (postmaster, backends
// and workers), Redis and HAProxy, and their sum against the one node's. The one-node run is
// OpenFloor as deployed alone (SQLite, in-process order), from source through tsx.
// Clocks: on a node of several, `at` is the database's clock_timestamp() when the change took the
// session's lock (gate.ts, held.nowMs), not the node's. On one machine PostgreSQL and the viewers
// read the same realtime clock: the run checks it (50 readings of clock_timestamp() must each fall
// inside the query's round trip on the viewers' clock) and prints the result. On one node `at` is
// its own clock when the change's turn comes; either way the wait for that turn is not in it (the
// ack times show it). Where the time and CPU go: the nodes' own metrics over the streaming window
// (a change's arrival to its broadcast, store queries per change) and Redis's command count; and
// 3 s before the captioner starts, with everyone connected, what the target costs idle.
//
// File descriptors: each viewer is one socket in the viewer process and one in the server process
// (plus two in HAProxy with --nodes), so --viewers 5000 needs `ulimit -n` above ~5,100 (~10,100
// with --nodes); Node cannot raise it: run `ulimit -n 16384` first.
import { parseArgs } from 'node:util';
import type { PayloadOf } from '../../shared/protocol.js';
import type { BenchClient } from './client.js';
import { printTable, type Run } from './captionsTable.js';
import { reportFigures, type Figure } from './report.js';
import { machineCpuMs } from './procStat.js';
import {
  buildIfStale,
  clusterTarget,
  metricSum,
  processTarget,
  scrapeNodes,
  type CaptionTarget,
} from './targets.js';
import { ask, connect, localGroup, spawnWorker } from './viewers.js';

type Kind = 'partial' | 'line';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    viewers: { type: 'string' },
    seconds: { type: 'string', default: '30' },
    workers: { type: 'string', default: '1' },
    nodes: { type: 'string' },
  },
});
const VIEWERS = Number(values.viewers ?? positionals[0] ?? 2000);
const SECONDS = Number(values.seconds);
const WORKERS = Number(values.workers);
const NODES = values.nodes === undefined ? 0 : Number(values.nodes);
if (values.nodes !== undefined && !(Number.isInteger(NODES) && NODES >= 2 && NODES <= 4)) {
  throw new Error(`--nodes must be 2 to 4 (the server slots of docs/haproxy.cfg), not ${values.nodes}.`);
}
const [WPM, WORDS_PER_LINE] = [250, 12];
const WORDS = 'so the council will now hear public comment on the proposed budget for our parks and library';

/** The quiet window before the captioner starts, measured too. */
const IDLE_MS = 3000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const sum = (xs: number[]) => xs.reduce((a, n) => a + n, 0);

/** The captioner: one word every 60/WPM s on a fixed schedule; commands chained as the console does. */
async function stream(captioner: BenchClient) {
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

/** Runs the load against a started target, then stops it (also when the run fails). */
async function runTarget(name: string, target: CaptionTarget) {
  try {
    return await measure(name, target);
  } finally {
    await target.stop();
  }
}

async function measure(name: string, target: CaptionTarget) {
  if (target.clock) console.log(`${name}: ${target.clock}`);
  const empty = await target.sample({ memory: true });
  const metricsEmpty = await scrapeNodes(target);
  const workers = Array.from({ length: WORKERS }, spawnWorker);
  const groups = workers.length ? workers.map((w) => w.group) : [localGroup()];
  const captioner = await connect(target.url, target.captioner);
  const tokens = target.attendees.length ? target.attendees : Array<string>(VIEWERS).fill('');
  const per = Math.ceil(VIEWERS / groups.length);
  // The viewer processes are up before the clock starts: their start (about 0.4 s) is no part of
  // the storm, and counting it on both sides made the ratio look nearer 1 than it is.
  await Promise.all(groups.map((g) => g.progress()));
  const joinStart = performance.now();
  await Promise.all(groups.map((g, k) => g.open(target.url, tokens.slice(k * per, (k + 1) * per))));
  const joinS = (performance.now() - joinStart) / 1000;
  console.log(`${name}: ${VIEWERS} viewers joined in ${joinS.toFixed(1)} s; streaming for ${SECONDS} s`);
  await sleep(2000); // let the coalesced audience broadcasts of the joins finish
  const joined = await target.sample({ memory: true });
  // What the target costs with everyone connected and nobody captioning (timers, heartbeats).
  const idleStart = performance.now();
  const idleMetrics = await scrapeNodes(target);
  await sleep(IDLE_MS);
  const metricsStart = await scrapeNodes(target);
  await Promise.all(groups.map((g) => g.reset()));
  const cpuStart = await target.sample();
  const idleMs = performance.now() - idleStart;
  const [wallStart, machineStart, parentStart] = [performance.now(), machineCpuMs(), process.cpuUsage()];
  const s = await stream(captioner);
  const [wantPartials, wantLines] = [s.updates + s.commits, s.commits];
  // Delivery is part of the work measured: wait until every viewer has everything (or 30 s).
  for (const until = performance.now() + 30_000; performance.now() < until; await sleep(50)) {
    const got = await Promise.all(groups.map((g) => g.progress()));
    if (sum(got) >= (wantPartials + wantLines) * VIEWERS) break;
  }
  const cpuEnd = await target.sample();
  const metricsEnd = await scrapeNodes(target);
  const [wallMs, machineMs] = [performance.now() - wallStart, machineCpuMs() - machineStart];
  const parent = process.cpuUsage(parentStart);
  const results = await Promise.all(groups.map((g) => g.collect()));
  captioner.disconnect();
  await Promise.all(groups.map((g) => g.close()));
  await Promise.all(workers.map((w) => w.exited));

  const counts = (k: Kind, want: number) => {
    const got = results.flatMap((r) => r.got[k]);
    const missing = sum(got.map((n) => Math.max(0, want - n)));
    return { want: want * VIEWERS, got: sum(got), missing, viewersShort: got.filter((n) => n < want).length };
  };
  const partMs = Object.fromEntries(
    Object.keys(cpuEnd.cpuMs).map((p) => [p, cpuEnd.cpuMs[p]! - cpuStart.cpuMs[p]!]),
  );
  const pct = (ms: number) => (ms / wallMs) * 100;
  const [nodesMs, totalMs] = [sum(target.nodes.map((n) => partMs[n]!)), sum(Object.values(partMs))];
  const clientMs = sum(results.map((r) => r.cpuMs));
  // The nodes' own counts over the window: what each caption change cost them.
  const changes = s.updates + s.commits;
  const grew = (name: string) => metricSum(metricsEnd, name) - metricSum(metricsStart, name);
  const idleGrew = (name: string) => metricSum(metricsStart, name) - metricSum(idleMetrics, name);
  const sockets = Object.fromEntries(
    target.nodes.map((n) => [n, metricSum(metricsStart, 'openfloor_connected_sockets', n)]),
  );
  const [delivery, queries] = [
    'openfloor_caption_delivery_seconds',
    'openfloor_store_query_duration_seconds',
  ];
  return {
    joinS,
    partial: stats(concat(results.map((r) => r.lat.partial))),
    line: stats(concat(results.map((r) => r.lat.line))),
    partials: counts('partial', wantPartials),
    lines: counts('line', wantLines),
    ...s,
    windowS: wallMs / 1000,
    nodes: target.nodes,
    sockets,
    deliveryMeanMs: (grew(`${delivery}_sum`) / grew(`${delivery}_count`)) * 1000,
    storeQueriesPerChange: grew(`${queries}_count`) / changes,
    storeQueryMeanMs: (grew(`${queries}_sum`) / grew(`${queries}_count`)) * 1000,
    joinStoreQueriesPerViewer:
      (metricSum(idleMetrics, `${queries}_count`) - metricSum(metricsEmpty, `${queries}_count`)) / VIEWERS,
    joinCpuMsPerViewer: (sum(Object.values(joined.cpuMs)) - sum(Object.values(empty.cpuMs))) / VIEWERS,
    joinCpuMsByPart: Object.fromEntries(
      Object.keys(joined.cpuMs).map((p) => [p, joined.cpuMs[p]! - empty.cpuMs[p]!]),
    ),
    idleStoreQueriesPerS: idleGrew(`${queries}_count`) / (idleMs / 1000),
    // Less what the same time would have cost idle (the timers' and heartbeats' queries).
    netStoreQueriesPerChange:
      (grew(`${queries}_count`) - (idleGrew(`${queries}_count`) / idleMs) * wallMs) / changes,
    idleCpuPct: ((sum(Object.values(cpuStart.cpuMs)) - sum(Object.values(joined.cpuMs))) / idleMs) * 100,
    redisCommandsPerChange: (cpuEnd.redisCommands - cpuStart.redisCommands) / changes,
    partCpuPct: Object.fromEntries(Object.entries(partMs).map(([p, ms]) => [p, pct(ms)])),
    cpuPct: pct(nodesMs),
    cpuMsPerViewerMin: nodesMs / VIEWERS / (wallMs / 60_000),
    totalCpuPct: pct(totalMs),
    totalCpuMsPerViewerMin: totalMs / VIEWERS / (wallMs / 60_000),
    rssEmptyMB: empty.rss / 2 ** 20,
    rssJoinedMB: joined.rss / 2 ** 20,
    rssPerViewerB: (joined.rss - empty.rss) / VIEWERS,
    heapPerViewerB: (joined.heapUsed - empty.heapUsed) / VIEWERS,
    clientCpuPct: pct(clientMs),
    // Anything else running on the machine meanwhile competes for the same cores: it is reported.
    otherCpuPct: pct(machineMs - totalMs - clientMs - (parent.user + parent.system) / 1000),
  };
}
export type Result = Awaited<ReturnType<typeof runTarget>>;

async function main() {
  const cluster = NODES ? `, and on ${NODES} nodes` : '';
  console.log(
    `bench:captions: ${VIEWERS} viewers, ${SECONDS} s at ${WPM} wpm, viewer workers: ${WORKERS}${cluster}`,
  );
  if (NODES) buildIfStale();
  // One at a time, each stopped before the next starts: they would compete for the same cores.
  const run = async (id: string, label: string, start: () => Promise<CaptionTarget>): Promise<Run> => ({
    id,
    label,
    result: await runTarget(label, await start()),
  });
  const runs = [
    await run('openfloor', NODES ? '1 node' : 'OpenFloor', () =>
      processTarget('./captionsServer.ts', VIEWERS),
    ),
  ];
  if (NODES) runs.push(await run('cluster', `${NODES} nodes`, () => clusterTarget(NODES, VIEWERS)));
  runs.push(await run('baseline', 'baseline', () => processTarget('./baselineServer.ts', VIEWERS)));
  const ratios = printTable(runs);
  const config = { viewers: VIEWERS, seconds: SECONDS, wpm: WPM, workers: WORKERS, nodes: NODES || 1 };
  const figures = Object.fromEntries(runs.map((r) => [r.id, r.result]));
  console.log(`BENCH ${JSON.stringify({ bench: 'captions', ...config, ...figures, ratios })}`);
  const [one, base] = [figures.openfloor!, figures.baseline!];
  reportFigures({
    bench: 'captions',
    size: `${VIEWERS} viewers, ${SECONDS} s`,
    figures: [
      against('join storm: all viewers joined', 's', one.joinS, base.joinS, 1.5),
      against('heap per viewer', 'KB', one.heapPerViewerB / 1024, base.heapPerViewerB / 1024, 1.3),
      against('partial p99', 'ms', one.partial.p99, base.partial.p99, 1),
      against('line p99', 'ms', one.line.p99, base.line.p99, 1),
      against('server CPU per viewer-minute', 'ms', one.cpuMsPerViewerMin, base.cpuMsPerViewerMin, 1.1),
    ],
  });
}

/** A figure held to at most `times` the baseline's. */
function against(metric: string, unit: string, value: number, baseline: number, times: number): Figure {
  const target = times === 1 ? '≤ baseline' : `≤ ${times}x baseline`;
  return { metric, unit, value, baseline, target, met: value <= baseline * times };
}

await main();
