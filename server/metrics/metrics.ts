import { performance } from 'node:perf_hooks';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CommandName } from '../../shared/commands.js';
import type { Reason } from '../../shared/protocol.js';

/** What became of a socket command: `ok`, or the reason it was refused. */
export type CommandOutcome = 'ok' | Reason;
/** A command name the server knows, or `unknown` for anything else (which cannot add series). */
export type CommandLabel = CommandName | 'unknown';
/** What became of a caption POST: the ingest's own answer, a refusal (4xx) or a failure (5xx). */
export type IngestPostOutcome = 'accepted' | 'duplicate' | 'refused' | 'error';
export type CaptionKind = 'line' | 'partial';
/** The sockets connected to this node, as the metrics read them at each scrape. */
export type SocketSource = () => Iterable<{ data: { sessionId?: string } }>;

const CAPTION_DELIVERY_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const STORE_QUERY_BUCKETS_S = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The process's own figures (CPU, memory, event loop lag, GC), in a registry of their own made
 * once per process: they describe the process, however many apps it runs (the tests run many),
 * and each collection watches the event loop and the GC for as long as the process lives.
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** How many of the sockets connected to this node belong to each session. */
function countBySession(sockets: SocketSource): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { data } of sockets()) {
    if (data.sessionId) counts.set(data.sessionId, (counts.get(data.sessionId) ?? 0) + 1);
  }
  return counts;
}

/**
 * One node's Prometheus metrics, in a registry of its own (never prom-client's global one), so
 * that several apps in one process each count their own. Each node exports what it saw; the
 * scraper sums the nodes.
 */
export function createMetrics() {
  const own = new Registry();
  const registers = [own];
  let sockets: SocketSource = () => [];

  // Read from the sockets at each scrape, so a session whose last socket left has no series.
  new Gauge({
    name: 'openfloor_connected_sockets',
    help: 'Socket.IO connections open on this node (past the handshake).',
    registers,
    collect() {
      let total = 0;
      for (const n of countBySession(sockets).values()) total += n;
      this.set(total);
    },
  });
  new Gauge({
    name: 'openfloor_session_connected_sockets',
    help: 'Socket.IO connections open on this node, by session; only sessions with one.',
    labelNames: ['session'] as const,
    registers,
    collect() {
      this.reset();
      for (const [session, n] of countBySession(sockets)) this.set({ session }, n);
    },
  });
  const commands = new Counter({
    name: 'openfloor_socket_commands_total',
    help: 'Socket commands answered by this node, by command and outcome (ok, or the refusal reason).',
    labelNames: ['command', 'outcome'] as const,
    registers,
  });
  const ingestPosts = new Counter({
    name: 'openfloor_caption_ingest_posts_total',
    help: 'Caption ingest POSTs answered by this node, by outcome and HTTP status.',
    labelNames: ['outcome', 'status'] as const,
    registers,
  });
  const captionDelivery = new Histogram({
    name: 'openfloor_caption_delivery_seconds',
    help: 'From a caption change reaching the caption service to its broadcast leaving this node.',
    labelNames: ['kind'] as const,
    buckets: CAPTION_DELIVERY_BUCKETS_S,
    registers,
  });
  const storeQueries = new Histogram({
    name: 'openfloor_store_query_duration_seconds',
    help: 'How long the store took to answer each query from this node, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: STORE_QUERY_BUCKETS_S,
    registers,
  });
  for (const kind of ['line', 'partial'] as const) captionDelivery.zero({ kind });
  for (const outcome of ['ok', 'error'] as const) storeQueries.zero({ outcome });

  const registry = Registry.merge([processMetrics(), own]);

  return {
    /** The sockets the connection gauges count (the app's Socket.IO server, this node's sockets). */
    countSockets: (source: SocketSource): void => {
      sockets = source;
    },
    commandAnswered: (command: CommandLabel, outcome: CommandOutcome): void => {
      commands.inc({ command, outcome });
    },
    ingestAnswered: (outcome: IngestPostOutcome, status: number): void => {
      ingestPosts.inc({ outcome, status: String(status) });
    },
    /** A caption change was broadcast; `receivedAt` is the `performance.now()` at which it arrived. */
    captionDelivered: (kind: CaptionKind, receivedAt: number): void => {
      captionDelivery.observe({ kind }, (performance.now() - receivedAt) / 1000);
    },
    storeQueried: (durationMs: number, ok: boolean): void => {
      storeQueries.observe({ outcome: ok ? 'ok' : 'error' }, durationMs / 1000);
    },
    /** The Prometheus text exposition of this app's metrics and the process's. */
    exposition: async (): Promise<{ contentType: string; body: string }> => ({
      contentType: registry.contentType,
      body: await registry.metrics(),
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
