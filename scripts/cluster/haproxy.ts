// HAProxy in front of a local cluster, from docs/haproxy.cfg as it is: the addresses go into a small
// env.cfg (a `global` section of `setenv` lines) loaded before it, the way the doc suggests to
// operators. Master-worker mode (-W), so a reload (SIGUSR2) reads both files again while the old
// worker finishes its connections.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROJECT_ROOT } from '../../server/paths.js';
import { listens } from './ports.js';
import { findProgram, startService, type Service } from './service.js';

export const HAPROXY_CFG = join(PROJECT_ROOT, 'docs/haproxy.cfg');
/** The server slots docs/haproxy.cfg has (n1 to n4). */
export const HAPROXY_MAX_NODES = 4;
const BACKEND = 'openfloor_nodes';

export interface HaproxyNode {
  port: number;
  host?: string;
}

export interface HaproxyOptions {
  /** Where clients connect, on 127.0.0.1. */
  port: number;
  /** The OpenFloor nodes, in order: named n1, n2, ... (their cookie values too). */
  nodes: HaproxyNode[];
  /** The stats page (CSV at /;csv), on 127.0.0.1; none when absent. */
  statsPort?: number;
  /** The folder for env.cfg and the log. */
  dir: string;
}

/** A server's state as HAProxy's stats say it: UP, DOWN, "UP 1/2" (going down), MAINT, ... */
export type ServerStates = Record<string, string>;

export interface HaproxyHandle extends Service {
  /** http://127.0.0.1:PORT */
  url: string;
  statsUrl: string | null;
  /** The servers' names in the backend (n1, n2, ...), in the nodes' order. */
  servers(): string[];
  /** Each server's state, from the stats page. */
  states(): Promise<ServerStates>;
  /** Waits until the servers named have these states (e.g. { n1: 'DOWN', n2: 'UP' }). */
  waitForStates(expected: ServerStates, timeoutMs?: number): Promise<void>;
  /** Reloads the configuration, with these nodes when given, without dropping open connections. */
  reload(nodes?: HaproxyNode[]): Promise<void>;
}

/** The env.cfg that gives docs/haproxy.cfg its addresses. */
function envConfig(o: HaproxyOptions, nodes: HaproxyNode[]): string {
  if (nodes.length < 2 || nodes.length > HAPROXY_MAX_NODES) {
    throw new Error(
      `docs/haproxy.cfg has 2 to ${HAPROXY_MAX_NODES} server slots; ${nodes.length} nodes given.`,
    );
  }
  const lines = ['# Written by scripts/cluster/haproxy.ts: the addresses docs/haproxy.cfg reads.', 'global'];
  lines.push(`    setenv OPENFLOOR_BIND 127.0.0.1:${o.port}`);
  for (let i = 1; i <= HAPROXY_MAX_NODES; i++) {
    const node = nodes[i - 1];
    // unsetenv too: a reload re-reads this file in the master's environment, which keeps old values.
    lines.push(
      node
        ? `    setenv OPENFLOOR_NODE${i} ${node.host ?? '127.0.0.1'}:${node.port}`
        : `    unsetenv OPENFLOOR_NODE${i}`,
    );
  }
  lines.push(
    o.statsPort
      ? `    setenv OPENFLOOR_STATS_BIND 127.0.0.1:${o.statsPort}`
      : '    unsetenv OPENFLOOR_STATS_BIND',
  );
  return lines.join('\n') + '\n';
}

/** The stats page's CSV: the state of each server of one backend (OpenFloor's unless named). */
export async function readStates(statsUrl: string, backend = BACKEND): Promise<ServerStates> {
  const csv = await (await fetch(`${statsUrl}/;csv`)).text();
  const [header, ...rows] = csv.trim().split('\n');
  const columns = header!.replace(/^# /, '').split(',');
  const at = (name: string) => columns.indexOf(name);
  const states: ServerStates = {};
  for (const row of rows.map((r) => r.split(','))) {
    const [proxy, server] = [row[at('pxname')], row[at('svname')]];
    if (proxy === backend && server !== 'BACKEND') states[server!] = row[at('status')]!;
  }
  return states;
}

/** Waits until `read` shows the servers named in these states; else throws with what it saw. */
export async function statesReached(
  read: () => Promise<ServerStates>,
  expected: ServerStates,
  timeoutMs: number,
  what: string,
  detail: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: ServerStates = {};
  while (Date.now() < deadline) {
    seen = await read().catch(() => ({}));
    if (Object.entries(expected).every(([name, state]) => seen[name] === state)) return;
    await sleep(100);
  }
  throw new Error(
    `${what} did not reach ${JSON.stringify(expected)} within ${timeoutMs / 1000} s: ` +
      `${JSON.stringify(seen)}${detail()}`,
  );
}

const loads = (logPath: string) => {
  const log = readFileSync(logPath, 'utf8');
  return {
    success: log.split('Loading success').length - 1,
    failure: log.split('Loading failure').length - 1,
  };
};

export async function startHaproxy(o: HaproxyOptions): Promise<HaproxyHandle> {
  const binary = findProgram('haproxy');
  if (!binary) throw new Error("haproxy is not installed: install Debian's haproxy package.");
  const envPath = join(o.dir, 'haproxy-env.cfg');
  const logPath = join(o.dir, 'haproxy.log');
  let nodes = o.nodes;
  writeFileSync(envPath, envConfig(o, nodes));
  const service = await startService({
    name: `haproxy on ${o.port}`,
    argv: [binary, '-W', '-db', '-f', envPath, '-f', HAPROXY_CFG],
    cwd: o.dir,
    logPath,
    ready: async () => (await listens(o.port)) && (!o.statsPort || (await listens(o.statsPort))),
  });
  const statsUrl = o.statsPort ? `http://127.0.0.1:${o.statsPort}` : null;

  const states = () => {
    if (!statsUrl) throw new Error('HAProxy was started without a statsPort: its states cannot be read.');
    return readStates(statsUrl);
  };
  const waitForStates = (expected: ServerStates, timeoutMs = 15_000) =>
    statesReached(states, expected, timeoutMs, "HAProxy's servers");
  const reload = async (next?: HaproxyNode[]) => {
    if (next) writeFileSync(envPath, envConfig(o, next));
    const before = loads(logPath);
    service.kill('SIGUSR2');
    const deadline = Date.now() + 10_000;
    for (;;) {
      const now = loads(logPath);
      if (now.failure > before.failure) throw new Error(`HAProxy could not reload:\n${service.logTail(20)}`);
      if (now.success > before.success) break;
      if (Date.now() > deadline)
        throw new Error(`HAProxy did not reload within 10 s:\n${service.logTail(20)}`);
      await sleep(50);
    }
    if (next) nodes = next;
  };

  return Object.assign(service, {
    url: `http://127.0.0.1:${o.port}`,
    statsUrl,
    servers: () => nodes.map((_, i) => `n${i + 1}`),
    states,
    waitForStates,
    reload,
  });
}
