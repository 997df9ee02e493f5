import type { Redis } from 'ioredis';
import type { Server as HttpServer } from 'node:http';
import type { CommentStorage } from './comments/storage.js';
import type { Mailer } from './email/mailer.js';
import type { MediaHealth } from './livekit/health.js';
import type { MediaService } from './livekit/media.js';
import type { Metrics } from './metrics/metrics.js';
import type { Db } from './store/db.js';
import type { OpenFloorServer } from './transport/context.js';

/** What `createApp` (app.ts) takes: the store, the secrets, the media server and the knobs tests turn. */
export interface AppOptions {
  db: Db;
  organizerToken: string;
  linkSecret: string;
  publicUrl: string | null;
  media: MediaService | null;
  /** Probes the media server (main.ts); null or absent: media is taken as available (tests). */
  mediaHealth?: MediaHealth | null;
  /** Where registration mail goes (SMTP, or an outbox folder). */
  mailer: Mailer;
  /** How long before a session starts its reminders go out; 0 (the default) sends none. */
  reminderWindowMs?: number;
  now?: () => Date;
  /** Commands one socket may send per second (the fuzz suite sends more, to reach the handlers). */
  commandsPerSecond?: number;
  /** API requests one address may make per minute. */
  apiRequestsPerMinute?: number;
  /** How often turn warnings and idle caption lines are checked (the fuzz suite holds them still). */
  timerTickMs?: number;
  /**
   * Set: this is one of several nodes on one PostgreSQL store, and broadcasts reach the other
   * nodes' clients through this Redis server (docs/MULTI-NODE.md). Absent: the only node.
   */
  redis?: Redis | null;
  /**
   * How long a stop keeps serving after /readyz turns 503, so the load balancer sends nobody new
   * here before the pages are told to reconnect (several nodes only; 0 by default).
   */
  drainMs?: number;
  /** This node's metrics (main.ts makes them first, for the store); absent: the app makes its own. */
  metrics?: Metrics;
  /** METRICS_TOKEN for GET /metrics; null or absent: only loopback clients may read them. */
  metricsToken?: string | null;
  /** Where the files of comments go (main.ts: DATA_DIR/comments); absent: a temporary folder. */
  commentStorage?: CommentStorage;
}

export interface App {
  http: HttpServer;
  io: OpenFloorServer;
  listen(port: number, host?: string): Promise<number>;
  /** Sends the reminders that are due now (the app also runs this every minute). */
  sendReminders(): Promise<number>;
  /** Resolves once the mail under way has been sent or has failed. */
  mailSettled(): Promise<void>;
  /** Resolves once the media operations under way have been carried out or given up. */
  mediaSettled(): Promise<void>;
  close(): Promise<void>;
}
