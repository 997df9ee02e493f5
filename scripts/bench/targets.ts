// What bench:captions runs its load against, each started before its run and stopped after it:
// a server in a process of its own (OpenFloor on one node, or the bare Socket.IO baseline), or a
// whole cluster on this machine (PostgreSQL, Redis, N nodes of the build, HAProxy in front).
import { fork, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { readOrCreateSecret } from '../../server/dataDir.js';
import { openDb } from '../../server/store/db.js';
import { startCluster } from '../cluster/index.js';
import { seedBenchSession } from './benchApp.js';
import { cpuMsOf, rssOf, treeCpuMs } from './procStat.js';
import { request } from './viewers.js';

export interface TargetSample {
  /** CPU ms spent so far by each part, by name: the OpenFloor nodes first, then what they use. */
  cpuMs: Record<string, number>;
  /** The servers' resident memory (all nodes together), bytes. */
  rss: number;
  /** Their V8 heap in use after a full collection, bytes; NaN when it cannot be forced. */
  heapUsed: number;
  /** Commands Redis has processed so far (a cluster only; NaN otherwise). */
  redisCommands: number;
}

export interface CaptionTarget {
  /** Where everyone connects: the server, or HAProxy. */
  url: string;
  /** The captioner's link token ('' for the baseline, which has no links). */
  captioner: string;
  /** The attendees' link tokens (empty for the baseline). */
  attendees: string[];
  /** The parts of cpuMs that serve the viewers (the nodes); the others are what they depend on. */
  nodes: string[];
  /** Each node's own /metrics address (loopback only), by node; empty for the baseline. */
  metricsUrls: Record<string, string>;
  /** What the clock check found (a cluster only): see clusterTarget. */
  clock?: string;
  /** CPU so far; with `memory`, memory too, after a full collection where one can be forced. */
  sample(o?: { memory?: boolean }): Promise<TargetSample>;
  stop(): Promise<void>;
}

type Ready = { url: string; captioner: string; attendees: string[] };
type Sample = { cpu: NodeJS.CpuUsage; rss: number; heapUsed: number };

/** A bench server (captionsServer.ts, baselineServer.ts) in its own process, driven over IPC. */
export async function processTarget(file: string, viewers: number): Promise<CaptionTarget> {
  const server = fork(fileURLToPath(new URL(file, import.meta.url)), [String(viewers)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  });
  const exited = once(server, 'exit');
  const [info] = (await once(server, 'message')) as [Ready];
  const openfloor = info.captioner !== '';
  return {
    ...info,
    nodes: ['server'],
    metricsUrls: openfloor ? { server: `${info.url}/metrics` } : {},
    async sample({ memory = false } = {}) {
      const s = await request<Sample>(server, { type: 'sample', gc: memory });
      const cpuMs = { server: (s.cpu.user + s.cpu.system) / 1000 };
      return { cpuMs, rss: s.rss, heapUsed: s.heapUsed, redisCommands: NaN };
    },
    async stop() {
      server.send({ type: 'stop' });
      await exited;
    },
  };
}

/**
 * Latency is receipt time - `at`, and on a node of several `at` is the database's clock
 * (clock_timestamp(), read when the session's lock is had). Checks that it is the viewers' clock:
 * each reading must fall between this process's wall clock just before and just after the query.
 */
async function checkClock(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let [worstOutside, worstRoundTrip] = [0, 0];
    for (let i = 0; i < 50; i++) {
      const before = performance.timeOrigin + performance.now();
      const { rows } = await client.query<{ ms: number }>(
        'select (extract(epoch from clock_timestamp()) * 1000)::float8 as ms',
      );
      const after = performance.timeOrigin + performance.now();
      const db = rows[0]!.ms;
      worstOutside = Math.max(worstOutside, before - db, db - after);
      worstRoundTrip = Math.max(worstRoundTrip, after - before);
    }
    const verdict = worstOutside <= 1 ? 'the same clock' : 'NOT the same clock: latencies are off';
    return (
      `PostgreSQL's clock_timestamp() vs the viewers' clock: at most ${worstOutside.toFixed(2)} ms ` +
      `outside the query's round trip (<= ${worstRoundTrip.toFixed(2)} ms) in 50 readings: ${verdict}`
    );
  } finally {
    await client.end();
  }
}

/** The cluster's nodes run the build: made again first if the source changed since (as npm start). */
export function buildIfStale(): void {
  const script = fileURLToPath(new URL('../build.ts', import.meta.url));
  const built = spawnSync(process.execPath, ['--import', 'tsx', script, '--if-stale'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('The build failed: the cluster runs dist/server/main.js.');
}

/** A cluster of `nodes` OpenFloor nodes (no LiveKit) with the bench's session in its store. */
export async function clusterTarget(nodes: number, viewers: number): Promise<CaptionTarget> {
  const cluster = await startCluster({ nodes, livekit: false, nodeEnv: { LOG_LEVEL: 'warn' } });
  try {
    const db = await openDb(cluster.postgres.url);
    const linkSecret = readOrCreateSecret(cluster.dataDir, 'link-secret').token;
    const seeded = await seedBenchSession(db, linkSecret, 'captioner', viewers).finally(() => db.destroy());
    const clock = await checkClock(cluster.postgres.url);
    const nodePids = () => cluster.nodes.flatMap((n) => n.pids());
    // Its own connection: the INFO calls count as commands too, one per sample.
    const redis = new Redis(cluster.redis.url, { lazyConnect: true });
    await redis.connect();
    return {
      url: cluster.url,
      captioner: seeded.staff,
      attendees: seeded.attendees,
      nodes: cluster.nodes.map((n) => n.nodeName),
      metricsUrls: Object.fromEntries(cluster.nodes.map((n) => [n.nodeName, n.metricsUrl])),
      clock,
      async sample() {
        const cpuMs = {
          ...Object.fromEntries(cluster.nodes.map((n) => [n.nodeName, cpuMsOf(n.pids())])),
          PostgreSQL: treeCpuMs(cluster.postgres.pid),
          Redis: cpuMsOf(cluster.redis.pids()),
          HAProxy: cpuMsOf(cluster.haproxy.pids()),
        };
        const info = await redis.info('stats');
        const redisCommands = Number(/^total_commands_processed:(\d+)/m.exec(info)?.[1] ?? NaN);
        return { cpuMs, rss: rssOf(nodePids()), heapUsed: NaN, redisCommands };
      },
      stop: async () => {
        redis.disconnect();
        await cluster.stop();
      },
    };
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}

/** Every node's metrics now, by node: each series ("name{labels}") and its value. */
export type NodeMetrics = Record<string, Record<string, number>>;

export async function scrapeNodes(target: CaptionTarget): Promise<NodeMetrics> {
  const entries = await Promise.all(
    Object.entries(target.metricsUrls).map(async ([node, url]) => {
      const text = await (await fetch(url)).text();
      const series = text
        .split('\n')
        .filter((line) => line && !line.startsWith('#'))
        .map((line) => {
          const cut = line.lastIndexOf(' ');
          return [line.slice(0, cut), Number(line.slice(cut + 1))] as const;
        });
      return [node, Object.fromEntries(series)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** One metric summed over its labels, on one node or (without `node`) on every node; NaN if none. */
export function metricSum(m: NodeMetrics, name: string, node?: string): number {
  let [total, found] = [0, false];
  for (const [n, series] of Object.entries(m)) {
    if (node !== undefined && n !== node) continue;
    for (const [key, value] of Object.entries(series)) {
      if (key === name || key.startsWith(`${name}{`)) [total, found] = [total + value, true];
    }
  }
  return found ? total : NaN;
}
