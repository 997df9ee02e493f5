import { createApp } from './app.js';
import { ConfigError, loadConfig, readOrCreateSecret, type Config } from './config.js';
import { ensureLiveKitBinary } from './livekit/binary.js';
import { startLocalLiveKit, type LocalLiveKit } from './livekit/localServer.js';
import { createMediaHealth } from './livekit/health.js';
import { createMediaService, type MediaService } from './livekit/media.js';
import { WEBHOOK_PATH } from './livekit/webhook.js';
import { createLogger } from './log.js';
import { mailerFor } from './email/mailer.js';
import { openDb } from './store/db.js';

const LOCAL_LIVEKIT_PORT = 7880;
const log = createLogger('main');

/** The configured LiveKit server, or a local one we start; null (and a clear message) if neither works. */
async function startMedia(
  config: Config,
): Promise<{ media: MediaService | null; local: LocalLiveKit | null }> {
  const { url, apiKey, apiSecret } = config.livekit;
  if (url) return { media: createMediaService(url, apiKey, apiSecret), local: null };
  const lkLog = createLogger('livekit');
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

async function main() {
  const config = loadConfig();
  const db = await openDb(config.databaseUrl ?? config.dataDir);
  const { media, local } = await startMedia(config);
  // Said at start and at every change: whether the media server answers (the readiness check too).
  const mediaHealth = media ? createMediaHealth(media.url, createLogger('livekit')) : null;
  await mediaHealth?.probe();
  const stopProbing = mediaHealth?.start();
  const app = createApp({
    db,
    organizerToken: config.organizerToken,
    linkSecret: readOrCreateSecret(config.dataDir, 'link-secret').token,
    publicUrl: config.publicUrl,
    media,
    mediaHealth,
    mailer: mailerFor(config.mail, createLogger('mail')),
    reminderWindowMs: config.mail.reminderWindowMs,
  });
  const port = await app.listen(config.port);
  const base = config.publicUrl ?? `http://localhost:${port}`;
  log.info(`OpenFloor is serving ${base} (data in ${config.dataDir})`);
  if (config.organizerTokenCreated) {
    // Printed once, on the start that created it; it stays in DATA_DIR/organizer-token.
    process.stdout.write(
      `\nOrganizer token (shown once, kept in ${config.dataDir}/organizer-token):\n  ${config.organizerToken}\n` +
        `Try every role: npm run demo\n\n`,
    );
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    stopProbing?.();
    await app.close();
    await local?.stop();
    await db.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    log.fatal({ err }, 'OpenFloor could not start');
  }
  process.exit(1);
});
