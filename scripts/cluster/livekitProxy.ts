// HAProxy in front of the LiveKit nodes of a local cluster, from docs/haproxy-livekit.cfg as it is:
// one media address (signalling and the server API) that outlives any one LiveKit node. A second
// HAProxy process beside the OpenFloor one, so that either can be stopped or read on its own; its
// addresses go into an env.cfg of `setenv` lines loaded first, as for docs/haproxy.cfg.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../server/paths.js';
import { readStates, statesReached, type ServerStates } from './haproxy.js';
import { listens } from './ports.js';
import { findProgram, startService, type Service } from './service.js';

export const LIVEKIT_PROXY_CFG = join(PROJECT_ROOT, 'docs/haproxy-livekit.cfg');
/** The server slots docs/haproxy-livekit.cfg has (lk1 to lk4). */
export const LIVEKIT_PROXY_MAX_NODES = 4;
const BACKEND = 'livekit_nodes';

export interface LiveKitProxyOptions {
  /** Where browsers and OpenFloor nodes connect, on 127.0.0.1. */
  port: number;
  /** The LiveKit nodes' signalling ports, in order: servers lk1, lk2, ... */
  nodePorts: number[];
  /** The stats page (CSV at /;csv), on 127.0.0.1. */
  statsPort: number;
  /** The folder for env.cfg and the log. */
  dir: string;
}

export interface LiveKitProxyHandle extends Service {
  /** ws://127.0.0.1:PORT: the LIVEKIT_URL of every OpenFloor node. */
  url: string;
  statsUrl: string;
  /** The servers' names (lk1, lk2, ...), in the nodes' order. */
  servers(): string[];
  /** Each LiveKit node's state as HAProxy's checks see it: UP, DOWN, "UP 1/2", ... */
  states(): Promise<ServerStates>;
  /** Waits until the servers named have these states (e.g. { lk1: 'DOWN', lk2: 'UP' }). */
  waitForStates(expected: ServerStates, timeoutMs?: number): Promise<void>;
}

/** The env.cfg that gives docs/haproxy-livekit.cfg its addresses. */
function envConfig(o: LiveKitProxyOptions): string {
  if (o.nodePorts.length < 2 || o.nodePorts.length > LIVEKIT_PROXY_MAX_NODES) {
    throw new Error(
      `docs/haproxy-livekit.cfg has 2 to ${LIVEKIT_PROXY_MAX_NODES} server slots; ` +
        `${o.nodePorts.length} LiveKit nodes given.`,
    );
  }
  return [
    '# Written by scripts/cluster/livekitProxy.ts: the addresses docs/haproxy-livekit.cfg reads.',
    'global',
    `    setenv LIVEKIT_PROXY_BIND 127.0.0.1:${o.port}`,
    ...o.nodePorts.map((port, i) => `    setenv LIVEKIT_NODE${i + 1} 127.0.0.1:${port}`),
    `    setenv LIVEKIT_PROXY_STATS_BIND 127.0.0.1:${o.statsPort}`,
    '',
  ].join('\n');
}

export async function startLiveKitProxy(o: LiveKitProxyOptions): Promise<LiveKitProxyHandle> {
  const binary = findProgram('haproxy');
  if (!binary) throw new Error("haproxy is not installed: install Debian's haproxy package.");
  const envPath = join(o.dir, 'haproxy-livekit-env.cfg');
  writeFileSync(envPath, envConfig(o));
  const statsUrl = `http://127.0.0.1:${o.statsPort}`;
  const service = await startService({
    name: `haproxy for livekit on ${o.port}`,
    argv: [binary, '-W', '-db', '-f', envPath, '-f', LIVEKIT_PROXY_CFG],
    cwd: o.dir,
    logPath: join(o.dir, 'haproxy-livekit.log'),
    ready: async () => (await listens(o.port)) && (await listens(o.statsPort)),
  });
  const servers = () => o.nodePorts.map((_, i) => `lk${i + 1}`);
  const states = () => readStates(statsUrl, BACKEND);
  const waitForStates = (expected: ServerStates, timeoutMs = 15_000) =>
    statesReached(
      states,
      expected,
      timeoutMs,
      "The LiveKit proxy's servers",
      () => `\n${service.logTail(20)}`,
    );
  return Object.assign(service, {
    url: `ws://127.0.0.1:${o.port}`,
    statsUrl,
    servers,
    states,
    waitForStates,
  });
}
