// Losing a node loses nothing: two nodes of the build on PostgreSQL and Redis behind HAProxy, a
// moderator, a speaker, a console captioner, CART software posting with seq, and a crowd of
// viewers over WebSocket and long-polling, while nodes are killed, hung and restarted, and Redis
// and PostgreSQL are paused or restarted under them. After each, everyone is back, and every
// viewer's transcript is the store's lines 1..N, each once, in order.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueSnapshot } from '../../shared/queue.js';
import { isRunning, linkToken, startTestCluster, type TestCluster } from '../support/cluster.js';
import {
  cartWriter,
  consoleWriter,
  follow,
  stored,
  tryAsk,
  untilOk,
  waitUntil,
  type Follower,
} from '../support/crowd.js';
import { eventWhere } from '../support/server.js';

const VIEWERS = Number(process.env.NODE_LOSS_VIEWERS ?? 200);
const figures: Record<string, number> = {};
const step = (what: string) =>
  process.env.NODE_LOSS_DEBUG && process.stderr.write(`${new Date().toISOString()} ${what}\n`);

let cluster: TestCluster;
let sessionId: string;
let moderator: Follower;
let speaker: Follower;
let speakerId: string;
let captioner: Follower;
let captionUrl: string;
let viewers: Follower[];
const everyone = () => [moderator, speaker, captioner, ...viewers];

beforeAll(async () => {
  cluster = await startTestCluster({ nodes: 2 });
  sessionId = (await cluster.api.createSession('Node loss')).id;
  const link = async (role: 'moderator' | 'speaker' | 'captioner' | 'attendee', name: string) =>
    cluster.api.invite(sessionId, role, name);
  const [m, s, c, cart] = await Promise.all([
    link('moderator', 'Morgan'),
    link('speaker', 'Sam'),
    link('captioner', 'Cass'),
    link('captioner', 'CART software'),
  ]);
  speakerId = s.id;
  captionUrl = cart.captionUrl!;
  moderator = follow(cluster, cluster.url, linkToken(m.url));
  speaker = follow(cluster, cluster.url, linkToken(s.url));
  captioner = follow(cluster, cluster.url, linkToken(c.url));
  const links = [];
  for (let i = 0; i < VIEWERS; i += 20) {
    links.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(20, VIEWERS - i) }, (_, j) => link('attendee', `Viewer ${i + j}`)),
      )),
    );
  }
  // Half over WebSocket, half over long-polling with HAProxy's cookie, as browsers that fall back.
  viewers = links.map((l, i) =>
    follow(
      cluster,
      cluster.url,
      linkToken(l.url),
      i % 2 ? { transports: ['polling'], withCredentials: true } : {},
    ),
  );
  await waitUntil(() => everyone().every((f) => f.joined), 30_000, 'everyone joined');
}, 120_000);

afterAll(async () => {
  if (process.env.NODE_LOSS_DEBUG) process.stderr.write(cluster.logs(80));
  mkdirSync('test-results', { recursive: true });
  writeFileSync(
    'test-results/node-loss.json',
    `${JSON.stringify({ viewers: VIEWERS, ...figures }, null, 2)}\n`,
  );
  await cluster?.stop();
}, 60_000);

/**
 * Waits until the pages of the node that went away have noticed (some lost their connection after
 * `since`), then until every page is connected and joined again; returns how long it took (ms).
 */
async function everyoneBack(since: number, timeout = 30_000): Promise<number> {
  await expect.poll(() => everyone().some((f) => f.lostAt >= since), { timeout, interval: 50 }).toBe(true);
  const back = (f: Follower) => f.socket.connected && f.joined && (f.lostAt < since || f.joinedAt > f.lostAt);
  await expect.poll(() => everyone().filter((f) => !back(f)).length, { timeout, interval: 100 }).toBe(0);
  return Date.now() - since;
}

/** The nodes' log lines at error level (pino's 50) so far. */
const errorLines = () =>
  cluster.nodes.flatMap((n) =>
    readFileSync(n.logPath, 'utf8')
      .split('\n')
      .filter((l) => l.includes('"level":50')),
  );

/** Every viewer's transcript is the store's lines 1..N, each once; each acknowledged line is there. */
async function transcriptsWhole(acknowledged: string[]) {
  const store = await stored(cluster.postgres.url, sessionId);
  const seqs = store.lines.map((l) => l.seq);
  expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  const texts = store.lines.map((l) => l.text);
  expect(new Set(texts).size).toBe(texts.length);
  const missing = acknowledged.filter((t) => !texts.includes(t));
  expect(missing).toEqual([]);
  const want = store.lines.map((l) => `${l.seq} ${l.text}`).join('\n');
  const transcript = (f: Follower) =>
    [...f.lines.values()]
      .sort((a, b) => a.seq - b.seq)
      .map((l) => `${l.seq} ${l.text}`)
      .join('\n');
  await expect
    .poll(() => everyone().filter((f) => transcript(f) !== want).length, { timeout: 15_000 })
    .toBe(0);
  return store.lines.length;
}

/** Every page holds the store's queue: its revision, its floor and its deadline. */
async function queuesAgree() {
  const { queue } = await stored(cluster.postgres.url, sessionId);
  const key = (q: Pick<QueueSnapshot, 'revision' | 'floor'> | null) =>
    q && `${q.revision} ${q.floor?.participantId ?? '-'} ${q.floor?.deadline ?? '-'}`;
  await expect
    .poll(() => everyone().filter((f) => key(f.queue) !== key(queue)).length, { timeout: 10_000 })
    .toBe(0);
}

/** Streams from both writers for `ms` around `during`, then stops them and checks the transcripts. */
let cartSeq = 0;
async function whileStreaming(label: string, during: () => Promise<void>) {
  const console = consoleWriter(captioner.socket, label);
  const cart = cartWriter(captionUrl, label, cartSeq);
  await sleep(1500);
  step('during');
  await during();
  step('after during');
  await sleep(1500);
  await console.stop();
  step('console stopped');
  await cart.stop();
  cartSeq = cart.lastSeq();
  step('cart stopped');
  // Software that never saw the 200 posts the same seq again: it changes nothing.
  const before = (await stored(cluster.postgres.url, sessionId)).lines.length;
  expect(await cart.retryLast()).toBe(200);
  const after = await stored(cluster.postgres.url, sessionId);
  expect(after.lines.length).toBe(before);
  return transcriptsWhole([...console.acknowledged, ...cart.acknowledged]);
}

describe('losing a node loses nothing', () => {
  it('1. N1 N4 kill -9 of one node mid-stream: everyone back within seconds, transcripts whole, the queue the same everywhere', async () => {
    await untilOk(speaker.socket, 'queue:raise-hand', {});
    await untilOk(moderator.socket, 'floor:next', {});
    await untilOk(speaker.socket, 'floor:accept', {});
    await queuesAgree();
    const lines = await whileStreaming('case 1', async () => {
      const killed = Date.now();
      cluster.nodes[0]!.kill('SIGKILL');
      figures.backAfterKillMs = await everyoneBack(killed);
    });
    figures.linesCase1 = lines;
    expect(moderator.queue?.floor?.participantId).toBe(speakerId);
    await queuesAgree();
    await cluster.nodes[0]!.restart();
    await cluster.haproxy.waitForStates({ n1: 'UP', n2: 'UP' });
  }, 120_000);

  it('2. N2 a turn’s deadline passes while a node is dead: one warning, one time-up', async () => {
    // A witness on the node that stays, connected throughout, sees every change of the queue.
    const witnessLink = await cluster.api.invite(sessionId, 'attendee', 'Witness');
    const witness = follow(cluster, cluster.nodes[0]!.url, linkToken(witnessLink.url));
    await expect.poll(() => witness.joined).toBe(true);
    const seen: QueueSnapshot[] = [];
    witness.socket.on('queue:state', (q) => seen.push(q));
    await untilOk(moderator.socket, 'floor:end', {});
    await untilOk(moderator.socket, 'queue:configure', {
      speakingLimitMs: 10_000,
      warningMs: 7_000,
      autoEnd: false,
    });
    await untilOk(speaker.socket, 'queue:raise-hand', {});
    await untilOk(moderator.socket, 'floor:next', {});
    await untilOk(speaker.socket, 'floor:accept', {});
    const killed = Date.now();
    cluster.nodes[1]!.kill('SIGKILL');
    const back = everyoneBack(killed);
    await eventWhere(witness.socket, 'queue:state', (q) => q.floor?.expired === true);
    await sleep(1000);
    const byRevision = [...new Map(seen.map((q) => [q.revision, q])).values()].sort(
      (a, b) => a.revision - b.revision,
    );
    const turnedOn = (flag: 'warned' | 'expired') =>
      byRevision.filter((q, i) => q.floor?.[flag] && !(i > 0 && byRevision[i - 1]!.floor?.[flag])).length;
    expect(turnedOn('warned')).toBe(1);
    expect(turnedOn('expired')).toBe(1);
    figures.backAfterSecondKillMs = await back;
    await queuesAgree();
    await cluster.nodes[1]!.restart();
    await cluster.haproxy.waitForStates({ n1: 'UP', n2: 'UP' });
    witness.socket.disconnect();
  }, 120_000);

  it('3. N3 a hung node (SIGSTOP) is taken out by HAProxy and its pages move to the other', async () => {
    const lines = await whileStreaming('case 3', async () => {
      const hung = Date.now();
      cluster.nodes[0]!.pause();
      await cluster.haproxy.waitForStates({ n1: 'DOWN', n2: 'UP' }, 15_000);
      figures.hungNodeDownMs = Date.now() - hung;
      step('n1 down');
      figures.backAfterHangMs = await everyoneBack(hung);
      step('everyone back after the hang');
    });
    figures.linesCase3 = lines;
    step('resuming n1');
    cluster.nodes[0]!.resume();
    await cluster.haproxy.waitForStates({ n1: 'UP', n2: 'UP' }, 15_000);
    await queuesAgree();
  }, 120_000);

  it('4. N4 Redis paused and resumed, then restarted: no line lost', async () => {
    const lines = await whileStreaming('case 4', async () => {
      cluster.redis.pause();
      await sleep(3000);
      cluster.redis.resume();
      await sleep(1500);
      await cluster.redis.restart();
    });
    figures.linesCase4 = lines;
    await queuesAgree();
  }, 120_000);

  it('5. N5 PostgreSQL restarted: commands answer a retryable refusal, then work', async () => {
    const errorsBefore = errorLines();
    const down = Date.now();
    cluster.postgres.down();
    // Waited for longer than a page's usual 5 s: once in CI, on a loaded machine, no answer came
    // within 5 s (cause unknown; alone it takes milliseconds). How long it took is printed.
    const asked = Date.now();
    const refused = await tryAsk(
      moderator.socket,
      'queue:configure',
      { speakingLimitMs: 120_000, warningMs: 30_000, autoEnd: false },
      20_000,
    );
    figures.refusalWhilePostgresDownMs = Date.now() - asked;
    console.log(
      `N5: the refusal came ${figures.refusalWhilePostgresDownMs} ms after the command, PostgreSQL down`,
    );
    expect(refused).toMatchObject({ ok: false, reason: 'unavailable' });
    const post = await fetch(`${captionUrl}&seq=100000&lang=en-US`, { method: 'POST', body: 'while down\n' });
    expect(post.status).toBe(503);
    expect(post.headers.get('retry-after')).toBeTruthy();
    const restarted = Date.now();
    await cluster.postgres.up();
    await untilOk(moderator.socket, 'queue:configure', {
      speakingLimitMs: 120_000,
      warningMs: 30_000,
      autoEnd: false,
    });
    figures.commandsBackAfterPostgresMs = Date.now() - restarted;
    // Nobody was cut off meanwhile: the nodes lived through it, their pages stayed connected.
    expect(cluster.nodes.map((n) => isRunning(n.pid))).toEqual([true, true]);
    expect(everyone().filter((f) => f.lostAt >= down).length).toBe(0);
    // Nothing of it was logged as an error: a store out of reach is not a fault.
    expect(errorLines().filter((line) => !errorsBefore.includes(line))).toEqual([]);
    const lines = await whileStreaming('case 5', () => Promise.resolve());
    figures.linesCase5 = lines;
    await queuesAgree();
  }, 120_000);
});
