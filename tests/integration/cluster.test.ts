// Two nodes in one process on one PostgreSQL database and one real Redis: what a node of several
// must get right. Commands on one session from both nodes take turns (the session's row lock),
// caption lines are numbered without gaps or repeats, every broadcast reaches the other node's
// clients, the turn timer fires once though both nodes tick, and presence is the cluster's.
// The node-loss tier (tests/cluster) kills real processes; this one proves the rules, fast.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptionLine } from '../../shared/captions.js';
import type { QueueSnapshot } from '../../shared/queue.js';
import { createCaptionRepo } from '../../server/store/captionRepo.js';
import { freshDatabase } from '../support/postgres.js';
import type { RedisHandle } from '../../scripts/cluster/redis.js';
import { hasRedis, startRedis } from '../support/redis.js';
import {
  ask,
  eventWhere,
  joinAs,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../support/server.js';

const PG_URL = process.env.OPENFLOOR_TEST_DATABASE_URL;

describe.runIf(PG_URL && hasRedis())('two nodes on one store and one Redis', () => {
  let redis: RedisHandle;
  let database: { url: string; drop(): Promise<void> };
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    redis = await startRedis();
    database = await freshDatabase(PG_URL!, 'openfloor_cluster');
    const node = { databaseUrl: database.url, redisUrl: redis.url, timerTickMs: 100 };
    a = await startTestServer(node);
    b = await startTestServer(node);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await database?.drop();
    await redis?.stop();
  });

  const live = async () => (await a.createSession()).id;
  const queueWhere = (socket: TestClient, predicate: (q: QueueSnapshot) => boolean) =>
    eventWhere(socket, 'queue:state', predicate);

  it('N4 a line captioned on one node reaches a viewer of the other', async () => {
    const sessionId = await live();
    const captioner = await joinAs(a, sessionId, 'captioner', 'Cass');
    const viewer = await joinAs(b, sessionId, 'attendee', 'Val');
    const arrived = eventWhere(viewer.socket, 'caption:line', (l) => l.text === 'Hello from node A');
    await ask(captioner.socket, 'caption:update', { text: 'Hello from node A', lang: 'en-US' });
    await ask(captioner.socket, 'caption:commit', { lang: 'en-US' });
    expect(await arrived).toMatchObject({ seq: 1, text: 'Hello from node A' });
  });

  it('N1 C8 C9 two writers (a track each, A26) posting through both nodes at once: lines 1..N, each once, a retry changes nothing', async () => {
    const sessionId = await live();
    const writers = await Promise.all([
      a.invite(sessionId, 'captioner', 'Writer One'),
      a.invite(sessionId, 'captioner', 'Writer Two'),
    ]);
    const viewers = await Promise.all([
      joinAs(a, sessionId, 'attendee', 'On A'),
      joinAs(b, sessionId, 'attendee', 'On B'),
    ]);
    const seen = viewers.map(() => [] as CaptionLine[]);
    viewers.forEach((v, i) => v.socket.on('caption:line', (line) => seen[i]!.push(line)));
    const captionPath = async (inviteId: string) => {
      const res = await a.api('GET', `/api/sessions/${sessionId}/invites`);
      const invites = (await res.json()) as { id: string; captionUrl?: string }[];
      return new URL(invites.find((i) => i.id === inviteId)!.captionUrl!);
    };
    const paths = await Promise.all(writers.map((w) => captionPath(w.id)));
    // Each writer has a track of its own: two writers of one track would be refused the pen (A26).
    const LANGS = ['en-US', 'es-US'];
    const post = (node: TestServer, url: URL, seq: number, text: string, lang: string) =>
      fetch(`${node.url}${url.pathname}${url.search}&seq=${seq}&lang=${lang}`, {
        method: 'POST',
        body: text,
      });
    const PER_WRITER = 12;
    await Promise.all(
      paths.map(async (url, w) => {
        for (let seq = 1; seq <= PER_WRITER; seq++) {
          const res = await post(seq % 2 ? a : b, url, seq, `writer ${w + 1} line ${seq}\n`, LANGS[w]!);
          expect(res.status).toBe(200);
        }
      }),
    );
    // The retry of an accepted seq, through the other node: answered OK, stored nothing.
    expect((await post(b, paths[0]!, PER_WRITER, 'writer 1 line 12\n', LANGS[0]!)).status).toBe(200);
    const stored = await createCaptionRepo(a.db).linesAfter(sessionId, 0, 1000);
    expect(stored.map((l) => l.seq)).toEqual(Array.from({ length: 2 * PER_WRITER }, (_, i) => i + 1));
    expect(new Set(stored.map((l) => l.text)).size).toBe(2 * PER_WRITER);
    await expect.poll(() => seen.map((s) => s.length)).toEqual([2 * PER_WRITER, 2 * PER_WRITER]);
    for (const lines of seen) {
      expect([...lines].sort((x, y) => x.seq - y.seq)).toEqual(stored);
    }
  });

  it('N1 A26 A27 A29 the pen is the cluster’s: held through one node, refused and taken over through the other', async () => {
    const sessionId = await live();
    const [ana, ben] = await Promise.all([
      a.invite(sessionId, 'captioner', 'Ana'),
      a.invite(sessionId, 'captioner', 'Ben'),
    ]);
    const anaOnA = await joinAs(a, sessionId, 'captioner', 'Ana', ana);
    const benOnB = await joinAs(b, sessionId, 'captioner', 'Ben', ben);
    expect(await ask(anaOnA.socket, 'caption:update', { text: 'Ana on A' })).toEqual({ ok: true });
    expect(await ask(benOnB.socket, 'caption:update', { text: 'Ben on B' })).toMatchObject({
      reason: 'pen-held',
    });
    const seenOnA = eventWhere(anaOnA.socket, 'room:state', (s) => s.captionPens?.['en-US'] === ben.id);
    expect(await ask(benOnB.socket, 'caption:take-pen', {})).toEqual({ ok: true });
    await seenOnA;
    expect(await ask(anaOnA.socket, 'caption:update', { text: 'Ana again' })).toMatchObject({
      reason: 'pen-held',
    });
    const lines = await createCaptionRepo(a.db).linesAfter(sessionId, 0, 10);
    expect(lines.map((l) => l.text)).toEqual(['Ana on A']);
  });

  it('N1 Q2 hands raised at once on both nodes: one order, every revision once, the same on every client', async () => {
    const sessionId = await live();
    const moderator = await joinAs(a, sessionId, 'moderator', 'Morgan');
    const speakers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => joinAs(i % 2 ? a : b, sessionId, 'speaker', `Speaker ${i}`)),
    );
    const last = new Map<TestClient, QueueSnapshot>();
    for (const client of [moderator, ...speakers]) {
      client.socket.on('queue:state', (q) => {
        const held = last.get(client.socket);
        if (!held || q.revision >= held.revision) last.set(client.socket, q);
      });
    }
    const acks = await Promise.all(speakers.map((s) => ask(s.socket, 'queue:raise-hand', {})));
    expect(acks.every((ack) => ack.ok)).toBe(true);
    await expect.poll(() => [...last.values()].filter((q) => q.entries.length === 10).length).toBe(11);
    const orders = new Set(
      [...last.values()].map((q) => `${q.revision} ${q.entries.map((e) => e.participantId).join()}`),
    );
    expect(orders.size).toBe(1);
    expect(new Set([...last.values()][0]!.entries.map((e) => e.participantId))).toEqual(
      new Set(speakers.map((s) => s.id)),
    );
  });

  it('N2 Q10 Q11 both nodes tick the turn timer: one warning and one time-up', async () => {
    const sessionId = await live();
    const moderator = await joinAs(a, sessionId, 'moderator', 'Morgan');
    const speaker = await joinAs(b, sessionId, 'speaker', 'Sam');
    await ask(moderator.socket, 'queue:configure', {
      speakingLimitMs: 10_000,
      warningMs: 8_000,
      autoEnd: false,
    });
    await ask(speaker.socket, 'queue:raise-hand', {});
    // Presence is the cluster's: the speaker is connected to the other node, and can be asked.
    expect(await ask(moderator.socket, 'floor:next', {})).toEqual({ ok: true });
    expect(await ask(speaker.socket, 'floor:accept', {})).toEqual({ ok: true });
    const snapshots: QueueSnapshot[] = [];
    moderator.socket.on('queue:state', (q) => snapshots.push(q));
    await queueWhere(moderator.socket, (q) => q.floor?.expired === true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const revisions = (flag: 'warned' | 'expired') => {
      const sorted = [...new Map(snapshots.map((q) => [q.revision, q])).values()].sort(
        (x, y) => x.revision - y.revision,
      );
      return sorted.filter((q, i) => q.floor?.[flag] && !(i > 0 && sorted[i - 1]!.floor?.[flag])).length;
    };
    expect(revisions('warned')).toBe(1);
    expect(revisions('expired')).toBe(1);
  }, 20_000);

  it('N3 Q15 presence is the cluster’s: leaving one node marks the person absent on the other', async () => {
    const sessionId = await live();
    const moderator = await joinAs(a, sessionId, 'moderator', 'Morgan');
    const speaker = await joinAs(b, sessionId, 'speaker', 'Sam');
    await ask(speaker.socket, 'queue:raise-hand', {});
    const absent = queueWhere(moderator.socket, (q) => q.absent.includes(speaker.id));
    speaker.socket.disconnect();
    await absent;
    expect(await ask(moderator.socket, 'floor:give', { participantId: speaker.id })).toMatchObject({
      ok: false,
      reason: 'not-found',
    });
  });

  it('N3 a node that stops beating is taken out, with its people, by another node', async () => {
    const sessionId = await live();
    const moderator = await joinAs(a, sessionId, 'moderator', 'Morgan');
    const speaker = await joinAs(b, sessionId, 'speaker', 'Sam');
    await ask(speaker.socket, 'queue:raise-hand', {});
    // A node that died with the speaker connected: its heartbeat is old, its row says they are here.
    await sql`insert into nodes (id, seen_ms) values ('dead-node', 0)`.execute(a.db);
    await sql`insert into presence (node_id, session_id, invite_id) values ('dead-node', ${sessionId}, ${moderator.id})`.execute(
      a.db,
    );
    speaker.socket.disconnect();
    // The dead node's row never made anyone present, and the beat of a live node removes it.
    await queueWhere(moderator.socket, (q) => q.absent.includes(speaker.id));
    await expect
      .poll(
        async () =>
          (await sql<{ n: string }>`select count(*) as n from nodes where id = 'dead-node'`.execute(a.db))
            .rows[0]!.n,
      )
      .toBe('0');
    const rows = await sql<{
      n: string;
    }>`select count(*) as n from presence where node_id = 'dead-node'`.execute(a.db);
    expect(rows.rows[0]!.n).toBe('0');
  });
});
