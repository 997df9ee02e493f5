// One OpenFloor node of a local cluster: the built server (`node dist/server/main.js`, as a service
// manager runs it) with DATABASE_URL and REDIS_URL set, so it is one of several. Ready when its own
// /readyz answers 200 (ready, or degraded when media is unreachable).
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../server/paths.js';
import { startService, type Service } from './service.js';

export const SERVER_ENTRY = join(PROJECT_ROOT, 'dist/server/main.js');

export interface LiveKitAccess {
  url: string;
  apiKey: string;
  apiSecret: string;
}

export interface NodeOptions {
  /** For messages and its log file: "n1". */
  name: string;
  port: number;
  databaseUrl: string;
  redisUrl: string;
  /** The same folder for every node: they must share its secrets (the link secret above all). */
  dataDir: string;
  organizerToken: string;
  /** The one LiveKit address every node gives browsers. */
  livekit: LiveKitAccess;
  /** The address people use (the load balancer's), for join links. */
  publicUrl: string;
  /** The folder for its log. */
  logDir: string;
  /** More environment (LOG_LEVEL, SMTP_URL, ...), over the defaults. */
  env?: Record<string, string>;
}

export interface OpenFloorNode extends Service {
  nodeName: string;
  port: number;
  /** The node's own address, past the load balancer: http://127.0.0.1:PORT */
  url: string;
  /** Its metrics, served to its operator here and refused through the load balancer. */
  metricsUrl: string;
}

/** The environment of a node: only what it needs, so nothing from the caller's shell leaks in. */
function nodeEnv(o: NodeOptions): NodeJS.ProcessEnv {
  const inherited = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'].filter((k) => process.env[k] !== undefined);
  return {
    ...Object.fromEntries(inherited.map((k) => [k, process.env[k]])),
    PORT: String(o.port),
    DATA_DIR: o.dataDir,
    DATABASE_URL: o.databaseUrl,
    REDIS_URL: o.redisUrl,
    PUBLIC_URL: o.publicUrl,
    ORGANIZER_TOKEN: o.organizerToken,
    LIVEKIT_URL: o.livekit.url,
    LIVEKIT_API_KEY: o.livekit.apiKey,
    LIVEKIT_API_SECRET: o.livekit.apiSecret,
    LOG_LEVEL: 'info',
    ...o.env,
  };
}

/** Starts a node from the build (run `npx tsx scripts/build.ts --if-stale` first). */
export async function startNode(o: NodeOptions): Promise<OpenFloorNode> {
  const url = `http://127.0.0.1:${o.port}`;
  const service = await startService({
    name: `openfloor node ${o.name} on ${o.port}`,
    argv: [process.execPath, '--enable-source-maps', SERVER_ENTRY],
    env: nodeEnv(o),
    cwd: PROJECT_ROOT,
    logPath: join(o.logDir, `node-${o.name}.log`),
    ready: async () => (await fetch(`${url}/readyz`)).status === 200,
    // Its own stop deadline is 10 s: past that it has failed, and SIGKILL ends it.
    stopTimeoutMs: 12_000,
  });
  return Object.assign(service, { nodeName: o.name, port: o.port, url, metricsUrl: `${url}/metrics` });
}
