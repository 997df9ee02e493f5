// The people of a node-loss test, as the pages behave: viewers that rejoin after every reconnection
// and catch up on captions from the end of their unbroken run (client/src/captions/seqTracker.ts),
// a console captioner and CART software that retry what was not acknowledged.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createSeqTracker } from '../../client/src/captions/seqTracker.js';
import { CAPTION_SYNC_MAX_LINES, type CaptionLine } from '../../shared/captions.js';
import type { AckOf, ClientToServerEvents, PayloadOf } from '../../shared/protocol.js';
import type { QueueSnapshot } from '../../shared/queue.js';
import type { ClientOptions, TestCluster } from './cluster.js';
import { ask, type TestClient } from './server.js';

/** Asks, and answers a timeout or a lost connection as a refusal instead of throwing. */
export async function tryAsk<E extends keyof ClientToServerEvents>(
  socket: TestClient,
  event: E,
  payload: PayloadOf<E>,
  timeoutMs?: number,
): Promise<AckOf<E> | { ok: false; reason: 'no-answer'; message: string }> {
  try {
    return await ask(socket, event, payload, timeoutMs);
  } catch (err) {
    return { ok: false, reason: 'no-answer', message: String(err) };
  }
}

/** Sends until acknowledged, as a page retries what the server did not acknowledge. */
export async function untilOk<E extends keyof ClientToServerEvents>(
  socket: TestClient,
  event: E,
  payload: PayloadOf<E>,
  /** Told each refusal, for a test that must say where it is stuck. */
  refused: (answer: string) => void = () => {},
): Promise<void> {
  for (;;) {
    const answer = (await tryAsk(socket, event, payload)) as {
      ok: boolean;
      reason?: string;
      message?: string;
    };
    if (answer.ok) return;
    refused(`${event}: ${answer.reason ?? '?'} ${answer.message ?? ''} (connected: ${socket.connected})`);
    await sleep(200);
  }
}

/** Waits for a writer's loop to end, or says where it is stuck. */
async function ended(done: Promise<void>, what: string, last: () => string): Promise<void> {
  const stuck = sleep(30_000).then(() => {
    throw new Error(`${what} still retrying after 30 s; last: ${last()}`);
  });
  await Promise.race([done, stuck]);
}

export interface Follower {
  socket: TestClient;
  lines: Map<number, CaptionLine>;
  /** The newest queue seen, by revision. */
  queue: QueueSnapshot | null;
  /** Joined on the current connection. */
  joined: boolean;
  joins: number;
  /** When the last join was acknowledged (ms). */
  joinedAt: number;
  /** When the connection was last lost (ms), 0 if never. */
  lostAt: number;
}

/** A page in the room: joins, catches up, follows the captions and the queue, and does it again on every reconnection. */
export function follow(
  cluster: TestCluster,
  url: string,
  token: string,
  options: ClientOptions = {},
): Follower {
  const socket = cluster.client(url, token, options);
  const tracker = createSeqTracker();
  const f: Follower = {
    socket,
    lines: new Map(),
    queue: null,
    joined: false,
    joins: 0,
    joinedAt: 0,
    lostAt: 0,
  };
  const keepQueue = (q: QueueSnapshot) => {
    if (!f.queue || q.revision >= f.queue.revision) f.queue = q;
  };
  async function catchUp(after: number) {
    for (;;) {
      const answer = await tryAsk(socket, 'caption:sync', { afterSeq: after });
      if (!answer.ok) return;
      tracker.start((answer.lines[0]?.seq ?? after + 1) - 1);
      for (const line of answer.lines) {
        f.lines.set(line.seq, line);
        tracker.add(line.seq);
      }
      if (answer.lines.length < CAPTION_SYNC_MAX_LINES) return;
      after = answer.lines.at(-1)!.seq;
    }
  }
  socket.on('caption:line', (line) => {
    f.lines.set(line.seq, line);
    const missing = tracker.add(line.seq);
    if (missing !== null) void catchUp(missing);
  });
  socket.on('queue:state', keepQueue);
  socket.on('disconnect', () => {
    f.joined = false;
    f.lostAt = Date.now();
  });
  socket.on('connect_error', (err: Error & { data?: { retry?: boolean } }) => {
    if (!socket.active && err.data?.retry) setTimeout(() => socket.connect(), 1500);
  });
  socket.on('connect', () => {
    void (async () => {
      for (;;) {
        const answer = await tryAsk(socket, 'room:join', {});
        if (!socket.connected) return;
        if (answer.ok) {
          keepQueue(answer.queue);
          f.joined = true;
          f.joins++;
          f.joinedAt = Date.now();
          return catchUp(tracker.upTo() ?? 0);
        }
        await sleep(500);
      }
    })();
  });
  return f;
}

/** Until `stop()`: a console captioner writing and committing numbered lines, retrying each command. */
export function consoleWriter(socket: TestClient, label: string, pauseMs = 80) {
  const acknowledged: string[] = [];
  let stopped = false;
  let last = '';
  const refused = (answer: string) => (last = answer);
  const done = (async () => {
    for (let i = 1; !stopped; i++) {
      const text = `${label} console ${i}`;
      // An id per line, as the console gives it (C14): a change resent elsewhere, or replayed late
      // by a node that hung, is known.
      const line = `${label.replace(/\W+/g, '-')}-line-${i}`;
      await untilOk(socket, 'caption:update', { text, line }, refused);
      await untilOk(socket, 'caption:commit', { line }, refused);
      acknowledged.push(text);
      await sleep(pauseMs);
    }
  })();
  return { acknowledged, stop: () => ((stopped = true), ended(done, 'the console writer', () => last)) };
}

/**
 * Until `stop()`: CART software posting numbered lines with `seq`, retrying a seq until it is
 * answered 200; in its own language, a track of its own (one writer per track).
 */
export function cartWriter(
  captionUrl: string,
  label: string,
  lastSeq: number,
  lang = 'es-US',
  pauseMs = 120,
) {
  const acknowledged: string[] = [];
  let stopped = false;
  let seq = lastSeq;
  const post = (n: number, text: string) =>
    fetch(`${captionUrl}&seq=${n}&lang=${lang}`, {
      method: 'POST',
      body: `${text}\n`,
      signal: AbortSignal.timeout(3000),
    }).then(
      (res) => res.status,
      () => 0,
    );
  let last = 0;
  const done = (async () => {
    while (!stopped) {
      seq++;
      const text = `${label} cart ${seq}`;
      while ((last = await post(seq, text)) !== 200) await sleep(200);
      acknowledged.push(text);
      await sleep(pauseMs);
    }
  })();
  return {
    acknowledged,
    stop: () => ((stopped = true), ended(done, 'the CART writer', () => `HTTP ${last}`)),
    /** Posts the last seq again, as software does when it never saw the answer. */
    retryLast: () => post(seq, `${label} cart ${seq}`),
    /** The last seq posted: the next writer on this link starts above it (C9). */
    lastSeq: () => seq,
  };
}

/** What the store holds for a session: its caption lines in order, and its queue. */
export async function stored(databaseUrl: string, sessionId: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const lines = await client.query<{ seq: number; text: string }>(
      'select seq, text from caption_lines where session_id = $1 order by seq',
      [sessionId],
    );
    const queue = await client.query<{ state: string }>('select state from queues where session_id = $1', [
      sessionId,
    ]);
    const state = queue.rows[0] ? (JSON.parse(queue.rows[0].state) as QueueSnapshot) : null;
    return { lines: lines.rows, queue: state };
  } finally {
    await client.end();
  }
}

/** Waits until `condition` holds (outside a test, where expect.poll is not available). */
export async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Not within ${timeoutMs} ms: ${what}`);
    await sleep(100);
  }
}
