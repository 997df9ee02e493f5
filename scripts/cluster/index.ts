// A whole OpenFloor cluster on one machine, for people (`npm run cluster`) and for tests: a
// throwaway PostgreSQL, Redis, optionally two LiveKit nodes in distributed mode behind their own
// HAProxy (docs/haproxy-livekit.cfg), N OpenFloor nodes from the build, and HAProxy in front
// (docs/haproxy.cfg). stop() ends every part in reverse order;
// a start that fails half-way stops what it had started before it throws.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { readOrCreateSecret } from '../../server/dataDir.js';
import { WEBHOOK_PATH } from '../../server/livekit/webhook.js';
import { NO_MEDIA } from '../../tests/support/appProcess.js';
import { postgresBinDir, startPostgres } from '../../tests/support/postgres.js';
import { startHaproxy, type HaproxyHandle } from './haproxy.js';
import { startLiveKitNodes, type LiveKitNode } from './livekit.js';
import { startLiveKitProxy, type LiveKitProxyHandle } from './livekitProxy.js';
import { startNode, type LiveKitAccess, type OpenFloorNode } from './node.js';
import { freePortPair, freePorts } from './ports.js';
import { startRedis, type RedisHandle } from './redis.js';
import { isRunning, onExitCleanup, type Service } from './service.js';

export { startHaproxy, startLiveKitNodes, startLiveKitProxy, startNode, startRedis };
export type { HaproxyHandle, LiveKitNode, LiveKitProxyHandle, OpenFloorNode, RedisHandle, Service };

export interface ClusterPorts {
  haproxy: number;
  stats: number;
  redis: number;
  /** One per OpenFloor node. */
  nodes: number[];
  /** One per LiveKit node (each also takes the next port, for RTC over TCP). */
  livekit: number[];
  /** The first of the LiveKit nodes' UDP media ports (100 per node). */
  livekitUdpFrom: number;
  /** HAProxy in front of the LiveKit nodes (the LIVEKIT_URL of every OpenFloor node). */
  livekitProxy: number;
  /** That HAProxy's stats page. */
  livekitProxyStats: number;
}

export interface ClusterOptions {
  /** OpenFloor nodes (2 to 4, the server slots of docs/haproxy.cfg). */
  nodes?: number;
  /**
   * Two LiveKit nodes in distributed mode behind their own HAProxy, which the OpenFloor nodes and
   * browsers use; without them media is unreachable (a closed port).
   */
  livekit?: boolean;
  /** Free ports are taken for any not given. */
  ports?: Partial<ClusterPorts>;
  organizerToken?: string;
  /** The host name in PUBLIC_URL (and the printed addresses): 127.0.0.1 unless given. */
  publicHost?: string;
  /** More environment for every OpenFloor node (LOG_LEVEL, ...). */
  nodeEnv?: Record<string, string>;
  /** Progress, one line per part. */
  log?: (line: string) => void;
  /** Aborting stops the start (what has started is stopped) with the abort's reason. */
  signal?: AbortSignal;
}

export interface Cluster {
  /** HAProxy's address: the one people use. */
  url: string;
  statsUrl: string;
  organizerToken: string;
  /** The temp folder with every part's log (and the nodes' shared DATA_DIR). */
  dir: string;
  dataDir: string;
  /** `down()` stops the server (cutting every connection), `up()` starts it again (a new pid). */
  postgres: { url: string; pid: number; down(): void; up(): Promise<void> };
  redis: RedisHandle;
  /** Empty without LiveKit. */
  livekit: LiveKitNode[];
  /** HAProxy in front of the LiveKit nodes; null without LiveKit. */
  livekitProxy: LiveKitProxyHandle | null;
  /** What the OpenFloor nodes were given: the LiveKit proxy, or a closed port. */
  livekitAccess: LiveKitAccess;
  nodes: OpenFloorNode[];
  haproxy: HaproxyHandle;
  /** Every process of the cluster running now, PostgreSQL's server included. */
  pids(): number[];
  /** The end of every part's log, for a failing test's message. */
  logs(lines?: number): string;
  /** Stops everything, HAProxy first and PostgreSQL last; removes the temp folder. */
  stop: (opts?: { keepDir?: boolean }) => Promise<void>;
}

const LIVEKIT_NODES = 2;

/** The PostgreSQL server's process id, from the postmaster.pid file in its data directory. */
async function postmasterPid(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
    return Number(readFileSync(join(rows[0]!.dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } finally {
    await client.end();
  }
}

async function choosePorts(o: ClusterOptions, nodes: number): Promise<ClusterPorts> {
  const given = o.ports ?? {};
  const spare = await freePorts(5 + nodes);
  const taken = [...spare, ...Object.values(given).flat()];
  const livekit = [...(given.livekit ?? [])];
  while (livekit.length < LIVEKIT_NODES) {
    const port = await freePortPair(taken);
    livekit.push(port);
    taken.push(port, port + 1);
  }
  return {
    haproxy: given.haproxy ?? spare[0]!,
    stats: given.stats ?? spare[1]!,
    redis: given.redis ?? spare[2]!,
    nodes: given.nodes ?? spare.slice(5, 5 + nodes),
    livekit,
    livekitUdpFrom: given.livekitUdpFrom ?? 40_000,
    livekitProxy: given.livekitProxy ?? spare[3]!,
    livekitProxyStats: given.livekitProxyStats ?? spare[4]!,
  };
}

export async function startCluster(o: ClusterOptions = {}): Promise<Cluster> {
  const count = o.nodes ?? o.ports?.nodes?.length ?? 2;
  const log = o.log ?? (() => {});
  const binDir = postgresBinDir();
  if (!binDir) throw new Error("No PostgreSQL server: install Debian's postgresql package.");
  const ports = await choosePorts(o, count);
  if (ports.nodes.length !== count) throw new Error(`${count} nodes need ${count} node ports.`);
  const dir = mkdtempSync(join(tmpdir(), 'openfloor-cluster-'));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  // Registered first, so it runs last on an abrupt exit: after every part has been killed.
  const forgetDir = onExitCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const url = `http://${o.publicHost ?? '127.0.0.1'}:${ports.haproxy}`;
  const organizerToken = o.organizerToken ?? randomBytes(32).toString('base64url');
  const livekitKeys = { apiKey: 'clusterkey', apiSecret: randomBytes(24).toString('base64url') };
  // Written before any node starts: every node reads this one secret, none races to create its own.
  readOrCreateSecret(dataDir, 'link-secret');

  const started: { stop(): Promise<void> | void }[] = [];
  const stopAll = async () => {
    for (const part of started.splice(0).reverse()) {
      await Promise.resolve(part.stop()).catch((err: unknown) => log(`stop failed: ${String(err)}`));
    }
  };
  const step = async <T extends { stop(): Promise<void> | void }>(what: string, start: () => Promise<T>) => {
    o.signal?.throwIfAborted();
    log(`starting ${what}`);
    const part = await start();
    started.push(part);
    return part;
  };

  try {
    const pgServer = await step('PostgreSQL', async () => {
      const server = await startPostgres(binDir);
      // pg_ctl runs it in the background: only an explicit stop ends it, also on an abrupt exit.
      const unregister = onExitCleanup(() => server.stop());
      return { ...server, stop: () => (unregister(), server.stop()) };
    });
    const postgres = {
      url: pgServer.url,
      pid: await postmasterPid(pgServer.url),
      down: () => pgServer.down(),
      async up() {
        pgServer.up();
        postgres.pid = await postmasterPid(pgServer.url);
      },
    };
    const redis = await step(`Redis on ${ports.redis}`, () => startRedis({ port: ports.redis, dir }));
    const livekit = o.livekit
      ? (
          await step(`${LIVEKIT_NODES} LiveKit nodes on ${ports.livekit.join(', ')}`, async () => {
            const nodes = await startLiveKitNodes({
              count: LIVEKIT_NODES,
              redisPort: ports.redis,
              ...livekitKeys,
              ports: ports.livekit,
              udpPortsFrom: ports.livekitUdpFrom,
              webhookUrl: `${url}/api${WEBHOOK_PATH}`,
              dir,
            });
            return { nodes, stop: () => stopEach([...nodes].reverse()) };
          })
        ).nodes
      : [];
    // Browsers get one LiveKit address, which any LiveKit node's death leaves working.
    const livekitProxy = o.livekit
      ? await step(`HAProxy for LiveKit on ${ports.livekitProxy}`, () =>
          startLiveKitProxy({
            port: ports.livekitProxy,
            statsPort: ports.livekitProxyStats,
            nodePorts: livekit.map((n) => n.port),
            dir,
          }),
        )
      : null;
    await livekitProxy?.waitForStates(Object.fromEntries(livekitProxy.servers().map((s) => [s, 'UP'])));
    const livekitAccess: LiveKitAccess = livekitProxy
      ? { url: livekitProxy.url, ...livekitKeys }
      : {
          url: NO_MEDIA.LIVEKIT_URL,
          apiKey: NO_MEDIA.LIVEKIT_API_KEY,
          apiSecret: NO_MEDIA.LIVEKIT_API_SECRET,
        };
    const nodes: OpenFloorNode[] = [];
    for (const [i, port] of ports.nodes.entries()) {
      const name = `n${i + 1}`;
      nodes.push(
        await step(`OpenFloor node ${name} on ${port}`, () =>
          startNode({
            name,
            port,
            databaseUrl: postgres.url,
            redisUrl: redis.url,
            dataDir,
            organizerToken,
            livekit: livekitAccess,
            publicUrl: url,
            logDir: dir,
            ...(o.nodeEnv ? { env: o.nodeEnv } : {}),
          }),
        ),
      );
    }
    const haproxy = await step(`HAProxy on ${ports.haproxy}`, () =>
      startHaproxy({
        port: ports.haproxy,
        statsPort: ports.stats,
        nodes: nodes.map((n) => ({ port: n.port })),
        dir,
      }),
    );
    await haproxy.waitForStates(Object.fromEntries(haproxy.servers().map((s) => [s, 'UP'])));
    o.signal?.throwIfAborted();

    const services: Service[] = [
      haproxy,
      ...nodes,
      ...(livekitProxy ? [livekitProxy] : []),
      ...livekit,
      redis,
    ];
    return {
      url,
      statsUrl: haproxy.statsUrl!,
      organizerToken,
      dir,
      dataDir,
      postgres,
      redis,
      livekit,
      livekitProxy,
      livekitAccess,
      nodes,
      haproxy,
      pids: () => [...services.flatMap((s) => s.pids()), postgres.pid].filter(isRunning),
      logs: (lines = 30) =>
        services.map((s) => `--- ${s.name} (${s.logPath})\n${s.logTail(lines)}`).join('\n'),
      async stop({ keepDir = false } = {}) {
        await stopAll();
        forgetDir();
        if (!keepDir) rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stopAll();
    forgetDir();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

async function stopEach(services: Service[]): Promise<void> {
  for (const s of services) await s.stop();
}
