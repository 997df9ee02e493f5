import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRedis } from '../../server/cluster/redis.js';
import { createLogger } from '../../server/log.js';
import { io as connect, type Socket } from 'socket.io-client';
import { createApp, type App } from '../../server/app.js';
import { createFileStorage } from '../../server/comments/storage.js';
import { createOutboxMailer, createSmtpMailer } from '../../server/email/mailer.js';
import type { MediaHealth } from '../../server/livekit/health.js';
import { createMediaService } from '../../server/livekit/media.js';
import { createMetrics } from '../../server/metrics/metrics.js';
import { openDb, type Db } from '../../server/store/db.js';
import {
  PROTOCOL_VERSION,
  type AckOf,
  type ClientToServerEvents,
  type PayloadOf,
  type RoomState,
  type ServerToClientEvents,
} from '../../shared/protocol.js';
import type { InviteRole } from '../../shared/roles.js';

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export const ORGANIZER_TOKEN = 'test-organizer-token-0123456789abcdef';
export const LIVEKIT_KEY = 'testkey';
export const LIVEKIT_SECRET = 'test-secret-test-secret-test-secret-0123';

export interface TestServer {
  url: string;
  dataDir: string;
  app: App;
  db: Db;
  clock: { now: Date };
  api(method: string, path: string, body?: unknown, token?: string | null): Promise<Response>;
  /** A session, taken live unless `status` says how far (the lifecycle runs as the API runs it). */
  createSession(
    overrides?: Record<string, unknown>,
    status?: 'scheduled' | 'lobby' | 'live',
  ): Promise<{ id: string; endsAt: string }>;
  invite(
    sessionId: string,
    role: InviteRole,
    name: string,
  ): Promise<{ id: string; url: string; token: string }>;
  client(token: string): TestClient;
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

/**
 * The real Express + Socket.IO server on an ephemeral port with a real SQLite store in a temp dir.
 * Tokens for LiveKit are minted for real; no LiveKit server is contacted. Mail goes to `smtpUrl`
 * (tests/support/smtp.ts) when given, else to the outbox under the data directory.
 */
export async function startTestServer(
  opts: {
    dataDir?: string;
    now?: Date;
    smtpUrl?: string;
    reminderWindowMs?: number;
    commandsPerSecond?: number;
    apiRequestsPerMinute?: number;
    timerTickMs?: number;
    /** The media server's address (default: a closed port, never contacted unless asked to). */
    mediaUrl?: string;
    mediaHealth?: MediaHealth;
    /** A PostgreSQL database instead of SQLite in the data directory. */
    databaseUrl?: string;
    /** One node of several on `databaseUrl`, its broadcasts carried by this Redis server. */
    redisUrl?: string;
    /** METRICS_TOKEN (default: none, so GET /metrics answers loopback clients only). */
    metricsToken?: string;
  } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'openfloor-test-'));
  const from = 'OpenFloor <no-reply@openfloor.test>';
  // Wired as main.ts wires a node: the store's queries are timed too.
  const metrics = createMetrics();
  const db = await openDb(opts.databaseUrl ?? dataDir, { onQuery: metrics.storeQueried });
  const redis = opts.redisUrl ? openRedis(opts.redisUrl, createLogger('cluster')) : null;
  const clock = { now: opts.now ?? new Date() };
  const app = createApp({
    db,
    organizerToken: ORGANIZER_TOKEN,
    linkSecret: 'test-link-secret-test-link-secret-0123',
    publicUrl: null,
    media: createMediaService(opts.mediaUrl ?? 'ws://127.0.0.1:9', LIVEKIT_KEY, LIVEKIT_SECRET),
    mediaHealth: opts.mediaHealth,
    // Without an SMTP server, mail goes to DATA_DIR/outbox, as it does for `npm start`.
    mailer: opts.smtpUrl
      ? createSmtpMailer(opts.smtpUrl, from)
      : createOutboxMailer(join(dataDir, 'outbox'), from),
    reminderWindowMs: opts.reminderWindowMs,
    now: () => clock.now,
    commandsPerSecond: opts.commandsPerSecond,
    apiRequestsPerMinute: opts.apiRequestsPerMinute,
    timerTickMs: opts.timerTickMs,
    redis,
    metrics,
    metricsToken: opts.metricsToken,
    commentStorage: createFileStorage(join(dataDir, 'comments')),
  });
  const port = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const clients: TestClient[] = [];

  const api: TestServer['api'] = (method, path, body, token = ORGANIZER_TOKEN) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  return {
    url,
    dataDir,
    app,
    db,
    clock,
    api,
    async createSession(overrides = {}, status = 'live') {
      const start = clock.now.getTime();
      const res = await api('POST', '/api/sessions', {
        title: 'Test session',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 3_600_000).toISOString(),
        timeZone: 'America/New_York',
        ...overrides,
      });
      if (res.status !== 201) throw new Error(`createSession: ${res.status} ${await res.text()}`);
      const session = (await res.json()) as { id: string; endsAt: string };
      const action = { scheduled: null, lobby: 'open-lobby', live: 'go-live' }[status];
      if (action) {
        const moved = await api('POST', `/api/sessions/${session.id}/lifecycle/${action}`, {});
        if (!moved.ok) throw new Error(`createSession: ${action}: ${moved.status} ${await moved.text()}`);
      }
      return session;
    },
    async invite(sessionId, role, name) {
      const res = await api('POST', `/api/sessions/${sessionId}/invites`, { role, name });
      if (res.status !== 201) throw new Error(`invite: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { id: string; url: string };
      return { ...body, token: body.url.split('/join/')[1]! };
    },
    client(token) {
      const socket: TestClient = connect(url, {
        auth: { token, protocol: PROTOCOL_VERSION },
        transports: ['websocket'],
        forceNew: true,
      });
      clients.push(socket);
      return socket;
    },
    async stop({ keepData = false } = {}) {
      for (const c of clients) c.disconnect();
      await app.close();
      redis?.disconnect();
      await db.destroy();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the first broadcast of `event` whose payload satisfies the predicate. */
export function eventWhere<E extends keyof ServerToClientEvents>(
  socket: TestClient,
  event: E,
  predicate: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  type Payload = Parameters<ServerToClientEvents[E]>[0];
  const target = socket as unknown as {
    on(e: E, l: (p: Payload) => void): void;
    off(e: E, l: (p: Payload) => void): void;
  };
  return new Promise((resolve) => {
    const listener = (payload: Payload) => {
      if (!predicate(payload)) return;
      target.off(event, listener);
      resolve(payload);
    };
    target.on(event, listener);
  });
}

export const stateWhere = (socket: TestClient, predicate: (state: RoomState) => boolean) =>
  eventWhere(socket, 'room:state', predicate);

/** A socket that completed the handshake but never sent room:join. */
export async function connectWithoutJoining(server: TestServer, token: string): Promise<TestClient> {
  const socket = server.client(token);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Joins the room through a personal link (a new one for `role`, unless given) and returns the ack. */
export async function joinAs(
  server: TestServer,
  sessionId: string,
  role: InviteRole,
  name: string,
  link?: { id: string; token: string },
) {
  const invite = link ?? (await server.invite(sessionId, role, name));
  const socket = server.client(invite.token);
  const result = await ask(socket, 'room:join', {});
  if (!result.ok) throw new Error(result.message);
  return { socket, id: invite.id, token: invite.token, result };
}

/** Sends a command and awaits its typed acknowledgement (5 s timeout unless told). */
export function ask<E extends keyof ClientToServerEvents>(
  socket: TestClient,
  event: E,
  payload: PayloadOf<E>,
  timeoutMs = 5000,
): Promise<AckOf<E>> {
  const timed = socket.timeout(timeoutMs) as unknown as {
    emitWithAck(event: E, payload: PayloadOf<E>): Promise<AckOf<E>>;
  };
  return timed.emitWithAck(event, payload);
}
