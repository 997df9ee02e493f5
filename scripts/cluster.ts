// `npm run cluster`: OpenFloor on several nodes on this machine, to try it: PostgreSQL, Redis, two
// LiveKit nodes on that Redis, two OpenFloor nodes of the build and HAProxy in front
// (docs/haproxy.cfg). Runs until Ctrl-C, then stops every part and leaves nothing running.
// See docs/MULTI-NODE.md.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../server/paths.js';
import { postgresBinDir } from '../tests/support/postgres.js';
import { startCluster, type Cluster } from './cluster/index.js';
import { portFree } from './cluster/ports.js';
import { findProgram } from './cluster/service.js';

const HELP = `npm run cluster -- [options]

  --port N           HAProxy, the address people use (default 8080)
  --stats-port N     HAProxy's status page (default 8404)
  --nodes N          OpenFloor nodes, 2 to 4 (default 2)
  --node-port N      the first node's own port; the others follow (default 3001)
  --redis-port N     Redis (default 6390)
  --livekit-port N   the first LiveKit node; the second is N+10 (default 7880; each also takes +1)
  --udp-port N       the first of the LiveKit nodes' UDP media ports, 100 each (default 50000)
  --livekit-proxy-port N  HAProxy in front of the LiveKit nodes, the media address (default 7870)
  --no-livekit       no LiveKit: sessions, captions and the queue work, audio and video do not
  --host NAME        the host name in the links (default localhost)
`;

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    'stats-port': { type: 'string', default: '8404' },
    nodes: { type: 'string', default: '2' },
    'node-port': { type: 'string', default: '3001' },
    'redis-port': { type: 'string', default: '6390' },
    'livekit-port': { type: 'string', default: '7880' },
    'udp-port': { type: 'string', default: '50000' },
    'livekit-proxy-port': { type: 'string', default: '7870' },
    'no-livekit': { type: 'boolean', default: false },
    host: { type: 'string', default: 'localhost' },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const say = (line = '') => process.stdout.write(`${line}\n`);
function refuse(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function number(flag: keyof typeof flags, min = 1, max = 65535): number {
  const n = Number(flags[flag]);
  if (!Number.isInteger(n) || n < min || n > max)
    refuse(`--${flag} must be a whole number from ${min} to ${max}.`);
  return n;
}

const count = number('nodes', 2, 4);
const livekit = !flags['no-livekit'];
const firstNode = number('node-port');
const firstLiveKit = number('livekit-port');
const ports = {
  haproxy: number('port'),
  stats: number('stats-port'),
  redis: number('redis-port'),
  nodes: Array.from({ length: count }, (_, i) => firstNode + i),
  livekit: livekit ? [firstLiveKit, firstLiveKit + 10] : [],
  livekitUdpFrom: number('udp-port'),
  livekitProxy: number('livekit-proxy-port'),
};

/** Redis, HAProxy and PostgreSQL: installed as root when missing, named otherwise. */
function ensureParts(): void {
  const missing = [
    findProgram('redis-server') ? null : 'redis-server',
    findProgram('haproxy') ? null : 'haproxy',
    postgresBinDir() ? null : 'postgresql',
  ].filter((p): p is string => p !== null);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    refuse(
      `Missing: ${missing.join(', ')}. Install Debian's packages: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  say(`Installing ${missing.join(', ')} (apt-get)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const argv of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...missing],
  ]) {
    if (spawnSync('apt-get', argv, { stdio: 'inherit', env }).status !== 0)
      refuse('apt-get failed (see above).');
  }
}

/** Every TCP port the cluster listens on, with the flag that moves it; refuses when one is taken. */
async function ensurePortsFree(): Promise<void> {
  const wanted: [number, string][] = [
    [ports.haproxy, '--port'],
    [ports.stats, '--stats-port'],
    [ports.redis, '--redis-port'],
    ...ports.nodes.map((p): [number, string] => [p, '--node-port']),
    ...ports.livekit.flatMap((p): [number, string][] => [
      [p, '--livekit-port'],
      [p + 1, '--livekit-port'],
    ]),
    ...(livekit ? [[ports.livekitProxy, '--livekit-proxy-port'] as [number, string]] : []),
  ];
  const taken: string[] = [];
  for (const [port, flag] of wanted)
    if (!(await portFree(port))) taken.push(`${port} (move it with ${flag})`);
  if (taken.length > 0) refuse(`These ports are taken on 127.0.0.1: ${taken.join(', ')}.`);
}

function printCluster(c: Cluster): void {
  say();
  say(`OpenFloor runs on ${c.nodes.length} nodes. Open: ${c.url}`);
  say();
  say(`  Organizer token   ${c.organizerToken}`);
  say(`  Try every role    PUBLIC_URL=${c.url} ORGANIZER_TOKEN=${c.organizerToken} npm run demo`);
  for (const n of c.nodes)
    say(`  Node ${n.nodeName}           ${n.url} (pid ${n.pid}), metrics ${n.metricsUrl}`);
  say(`  HAProxy stats     ${c.statsUrl}  (CSV: ${c.statsUrl}/;csv)`);
  if (c.livekitProxy) say(`  LiveKit (HAProxy) ${c.livekitProxy.url}, stats ${c.livekitProxy.statsUrl}`);
  for (const [i, lk] of c.livekit.entries()) say(`  LiveKit node ${i + 1}    ${lk.url} (pid ${lk.pid})`);
  if (c.livekit.length === 0) say('  LiveKit           none (--no-livekit): no audio or video');
  say(`  Redis             ${c.redis.url}`);
  say(`  PostgreSQL        ${c.postgres.url}`);
  say(`  Logs              ${c.dir}/*.log`);
  say();
  say(`See a failover: kill -9 ${c.nodes[0]!.pid}   (node n1; HAProxy's stats show it DOWN within`);
  say('about a second, and its pages reconnect to another node). Ctrl-C stops everything.');
}

ensureParts();
await ensurePortsFree();
const tsx = join(PROJECT_ROOT, 'node_modules/.bin/tsx');
const build = spawnSync(tsx, ['scripts/build.ts', '--if-stale'], { stdio: 'inherit', cwd: PROJECT_ROOT });
if (build.status !== 0) {
  refuse('The build failed (see above).');
}

const starting = new AbortController();
let cluster: Cluster | null = null;
let stopping = false;
let firstSignalAt = 0;
/** tsx passes a Ctrl-C on to this process a few milliseconds after the terminal did: the same one. */
const SAME_SIGNAL_MS = 1_000;
const onSignal = (signal: NodeJS.Signals) => {
  if (stopping) {
    if (Date.now() - firstSignalAt < SAME_SIGNAL_MS) return;
    // A second Ctrl-C exits at once; the exit kills whatever still runs (scripts/cluster/service.ts).
    process.exit(130);
  }
  stopping = true;
  firstSignalAt = Date.now();
  say(`\n${signal}: stopping (press Ctrl-C again to kill everything at once)...`);
  if (!cluster) return starting.abort(new Error(`${signal} while starting`));
  cluster.stop().then(
    () => {
      say('Stopped: nothing of the cluster is running.');
      process.exit(0);
    },
    (err: unknown) => refuse(`Stopping failed: ${String(err)}`),
  );
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

try {
  cluster = await startCluster({
    nodes: count,
    livekit,
    ports,
    publicHost: flags.host,
    log: (line) => say(`  ${line}`),
    signal: starting.signal,
  });
} catch (err) {
  refuse(
    starting.signal.aborted
      ? 'Stopped while starting: nothing of the cluster is running.'
      : `${err instanceof Error ? err.message : String(err)}`,
  );
}
if (stopping) {
  await cluster.stop();
  say('Stopped: nothing of the cluster is running.');
  process.exit(0);
}
printCluster(cluster);
