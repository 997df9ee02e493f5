import { decodeJwt } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueSnapshot } from '../../shared/queue.js';
import type { InviteRole } from '../../shared/roles.js';
import {
  ask,
  eventWhere,
  joinAs,
  startTestServer,
  stateWhere,
  type TestClient,
  type TestServer,
} from '../support/server.js';

let server: TestServer;
let sessionId: string;
beforeEach(async () => {
  server = await startTestServer();
  sessionId = (await server.createSession()).id;
});
afterEach(async () => {
  await server.stop();
});

const join = (role: InviteRole, name: string, link?: { id: string; token: string }) =>
  joinAs(server, sessionId, role, name, link);
const queueWhere = (socket: TestClient, predicate: (q: QueueSnapshot) => boolean) =>
  eventWhere(socket, 'queue:state', predicate);

const order = (q: QueueSnapshot) => q.entries.map((e) => e.participantId);

describe('the speaker queue over Socket.IO', () => {
  it('Q2 three hands raised at once: every client sees one and the same order', async () => {
    const moderator = await join('moderator', 'Morgan');
    const people = await Promise.all(['Ana', 'Bo', 'Cy'].map((n) => join('attendee', n)));
    const everyone = [moderator, ...people];
    const seen = everyone.map((c) => queueWhere(c.socket, (q) => q.entries.length === 3));
    const acks = await Promise.all(people.map((p) => ask(p.socket, 'queue:raise-hand', { topic: 'wages' })));
    expect(acks.every((a) => a.ok)).toBe(true);
    const orders = (await Promise.all(seen)).map(order);
    expect(new Set(orders.map((o) => o.join())).size).toBe(1);
    expect([...orders[0]!].sort()).toEqual(people.map((p) => p.id).sort());
  });

  it('refuses what a role may not do, and bad input, with a reason (Q3, Q4, Q6, Q13)', async () => {
    await join('moderator', 'Morgan');
    const ana = await join('attendee', 'Ana');
    const bo = await join('attendee', 'Bo');
    expect(await ask(ana.socket, 'queue:raise-hand', {})).toEqual({ ok: true });
    expect(await ask(bo.socket, 'queue:lower-hand', { participantId: ana.id })).toMatchObject({
      reason: 'forbidden',
    });
    expect(await ask(bo.socket, 'floor:give', { participantId: ana.id })).toMatchObject({
      reason: 'forbidden',
    });
    expect(await ask(bo.socket, 'queue:move', { participantId: ana.id, direction: 'up' })).toMatchObject({
      reason: 'forbidden',
    });
    expect(await ask(bo.socket, 'queue:raise-hand', { topic: 'x'.repeat(201) })).toMatchObject({
      reason: 'invalid-payload',
    });
    expect(await ask(bo.socket, 'queue:raise-hand', { kind: 'remark' })).toMatchObject({
      reason: 'invalid-payload',
    });
    expect(await ask(bo.socket, 'queue:raise-hand', { topic: 'a\u0007b' })).toMatchObject({
      reason: 'invalid-payload',
    });
    const snapshot = await ask(bo.socket, 'room:join', {});
    expect(snapshot.ok && order(snapshot.queue)).toEqual([ana.id]);
  });

  it('Q6 Q8 giving the floor puts the speaker on the stage with a publishing token; ending takes it back', async () => {
    const moderator = await join('moderator', 'Morgan');
    const sam = await join('speaker', 'Sam');
    await ask(sam.socket, 'queue:raise-hand', { topic: 'retraining' });
    const onStage = stateWhere(moderator.socket, (s) => s.floorHolderId === sam.id);
    expect(await ask(moderator.socket, 'floor:next', {})).toEqual({ ok: true });
    await onStage;
    const token = await ask(sam.socket, 'room:media-token', {});
    expect(token.ok && decodeJwt(token.livekit.token).video).toMatchObject({ canPublish: true });

    const back = stateWhere(moderator.socket, (s) => s.floorHolderId === moderator.id);
    expect(await ask(moderator.socket, 'floor:end', {})).toEqual({ ok: true });
    await back;
    const after = await ask(sam.socket, 'room:media-token', {});
    expect(after.ok && decodeJwt(after.livekit.token).video).toMatchObject({ canPublish: false });
  });

  it('Q10 the server warns everyone before the time runs out, from the stored deadline', async () => {
    const moderator = await join('moderator', 'Morgan');
    const sam = await join('speaker', 'Sam');
    await ask(sam.socket, 'queue:raise-hand', {});
    await ask(moderator.socket, 'floor:next', {});
    const warned = queueWhere(sam.socket, (q) => q.floor?.warned === true);
    server.clock.now = new Date(server.clock.now.getTime() + 151_000);
    const q = await warned;
    expect(q.floor!.deadline! - q.serverNow).toBe(29_000);
  });

  it('keeps the queue, the floor and the deadline across a server restart', async () => {
    const moderator = await join('moderator', 'Morgan');
    const sam = await join('speaker', 'Sam');
    const ana = await join('attendee', 'Ana');
    await ask(sam.socket, 'queue:raise-hand', { topic: 'first' });
    await ask(ana.socket, 'queue:raise-hand', { topic: 'second' });
    await ask(moderator.socket, 'floor:next', {});
    const before = await ask(moderator.socket, 'room:join', {});

    const dataDir = server.dataDir;
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir, now: server.clock.now });
    const again = await join('moderator', 'Morgan', moderator);
    expect(again.result.queue.entries).toEqual(before.ok && before.queue.entries);
    expect(again.result.queue.floor).toEqual(before.ok && before.queue.floor);
    expect(again.result.state.floorHolderId).toBe(sam.id);
  });
});
