import type { Socket } from 'node:net';
import { constants as osConstants } from 'node:os';
import { createApp, type App } from './app.js';
import { ConfigError, loadConfig, readOrCreateSecret, type Config } from './config.js';
import { ensureLiveKitBinary } from './livekit/binary.js';
import { startLocalLiveKit, type LocalLiveKit } from './livekit/localServer.js';
import { createMediaHealth } from './livekit/health.js';
import { createMediaService, type MediaService } from './livekit/media.js';
import { WEBHOOK_PATH } from './livekit/webhook.js';
import { createLogger } from './log.js';
import { mailerFor } from './email/mailer.js';
import { createFileStorage } from './comments/storage.js';
import { join } from 'node:path';
import { openDb, type Db } from './store/db.js';
import { openRedis } from './cluster/redis.js';
import { createMetrics } from './metrics/metrics.js';
import type { Redis } from 'ioredis';

const LOCAL_LIVEKIT_PORT = 7880;
const log = createLogger('main');

/** The configured LiveKit server, or a local one we start; null (and a clear message) if neither works. */
async function startMedia(
  config: Config,
): Promise<{ media: MediaService | null; local: LocalLiveKit | null }> {
  const { url, apiKey, apiSecret } = config.livekit;
  if (url) return { media: createMediaService(url, apiKey, apiSecret), local: null };
  const lkLog = createLogger('livekit');
  if (config.redisUrl) {
    // A child LiveKit per node would be one media room per node: the nodes must share one.
    lkLog.warn(
      'Several nodes need one LiveKit deployment: set LIVEKIT_URL, LIVEKIT_API_KEY and ' +
        'LIVEKIT_API_SECRET (docs/MULTI-NODE.md). Serving without audio and video.',
    );
    return { media: null, local: null };
  }
  // Plain text: these lines are instructions for a person, not log records.
  const binary = ensureLiveKitBinary((line) => process.stderr.write(`${line}\n`));
  if (!binary) {
    lkLog.warn('Serving without audio and video: sessions, links and the room state still work.');
    return { media: null, local: null };
  }
  try {
    const local = await startLocalLiveKit({
      binary,
      dataDir: config.dataDir,
      apiKey,
      apiSecret,
      port: LOCAL_LIVEKIT_PORT,
      webhookUrl: `http://127.0.0.1:${config.port}/api${WEBHOOK_PATH}`,
      log: (line) => lkLog.info(line),
      warn: (line) => lkLog.warn(line),
    });
    return { media: createMediaService(local.url, apiKey, apiSecret), local };
  } catch (err) {
    lkLog.warn({ err }, 'Could not start livekit-server; serving without audio and video.');
    return { media: null, local: null };
  }
}

/** A stop that takes longer than this (a hung store or media server) exits with 1. */
const STOP_DEADLINE_MS = 10_000;
/**
 * When a stop cuts the connections still open. app.close() closes HTTP connections after its own
 * grace (2 s), but a WebSocket leaves the HTTP server's list at its upgrade: one whose peer does not
 * answer the close would hold the server open for the WebSocket close timeout (30 s).
 */
const CUT_CONNECTIONS_MS = 3_000;
/**
 * A node of several keeps serving this long after /readyz turns 503 on a stop, so that the load
 * balancer (docs/haproxy.cfg: a check every 500 ms, out after two failures) takes it out first.
 */
const CLUSTER_DRAIN_MS = 1_500;

/** What is running, so a signal stops whatever has started, even while the rest still starts. */
const running: {
  app?: App;
  local?: LocalLiveKit | null;
  db?: Db;
  redis?: Redis | null;
  stopProbing?: () => void;
} = {};
const connections = new Set<Socket>();
let stopping = false;

/**
 * SIGTERM (a service manager) and SIGINT (Ctrl-C): stop accepting, let the requests under way
 * finish, disconnect every client, stop the LiveKit child, close the store, exit 0. A second signal
 * exits at once, with 128 + the signal's number, as a shell reports a process killed by it.
 */
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    log.warn(`${signal} again: exiting at once`);
    process.exit(128 + osConstants.signals[signal]);
  }
  stopping = true;
  const started = Date.now();
  log.info(`${signal}: stopping (a second ${signal} exits at once)`);
  setTimeout(() => {
    log.error(`Not stopped within ${STOP_DEADLINE_MS / 1000} s: exiting anyway`);
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  const drainMs = running.redis ? CLUSTER_DRAIN_MS : 0;
  const cut = setTimeout(() => {
    for (const socket of connections) socket.destroy();
  }, CUT_CONNECTIONS_MS + drainMs);
  try {
    running.stopProbing?.();
    await running.app?.close();
    clearTimeout(cut);
    await running.local?.stop();
    // Broadcasts this node sent while stopping go out before its Redis connection closes.
    await running.redis?.quit().catch(() => running.redis?.disconnect());
    await running.db?.destroy();
  } catch (err) {
    log.error({ err }, 'Stopping failed');
    process.exit(1);
  }
  log.info(`Stopped in ${Date.now() - started} ms`);
  process.exit(0);
}

async function main() {
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const config = loadConfig();
  // Made before the store, so that its queries are timed from the first (the migrations).
  const metrics = createMetrics();
  running.db = await openDb(config.databaseUrl ?? config.dataDir, { onQuery: metrics.storeQueried });
  running.redis = config.redisUrl ? openRedis(config.redisUrl, createLogger('cluster')) : null;
  const { media, local } = await startMedia(config);
  running.local = local;
  // Said at start and at every change: whether the media server answers (the readiness check too).
  const mediaHealth = media ? createMediaHealth(media.url, createLogger('livekit')) : null;
  await mediaHealth?.probe();
  running.stopProbing = mediaHealth?.start();
  const app = createApp({
    db: running.db,
    organizerToken: config.organizerToken,
    linkSecret: readOrCreateSecret(config.dataDir, 'link-secret').token,
    publicUrl: config.publicUrl,
    media,
    mediaHealth,
    mailer: mailerFor(config.mail, createLogger('mail')),
    reminderWindowMs: config.mail.reminderWindowMs,
    redis: running.redis,
    drainMs: running.redis ? CLUSTER_DRAIN_MS : 0,
    metrics,
    metricsToken: config.metricsToken,
    // The embedded default; several nodes need storage they share (docs/COMMENTS.md).
    commentStorage: createFileStorage(join(config.dataDir, 'comments')),
  });
  running.app = app;
  app.http.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  const port = await app.listen(config.port);
  const base = config.publicUrl ?? `http://localhost:${port}`;
  log.info(`OpenFloor is serving ${base} (data in ${config.dataDir}, pid ${process.pid})`);
  if (config.organizerTokenCreated) {
    // Printed once, on the start that created it; it stays in DATA_DIR/organizer-token.
    process.stdout.write(
      `\nOrganizer token (shown once, kept in ${config.dataDir}/organizer-token):\n  ${config.organizerToken}\n` +
        `Try every role: npm run demo\n\n`,
    );
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    log.fatal({ err }, 'OpenFloor could not start');
  }
  process.exit(1);
});
