import { decodeJwt } from '../support/jwt.js';
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
    const asked = queueWhere(sam.socket, (q) => q.offer?.participantId === sam.id);
    expect(await ask(moderator.socket, 'floor:next', {})).toEqual({ ok: true });
    await asked;
    expect(await ask(sam.socket, 'floor:accept', {})).toEqual({ ok: true });
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
    await ask(sam.socket, 'floor:accept', {});
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
    await ask(sam.socket, 'floor:accept', {});
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

describe('the queue knows who is here, and the speaker is asked first', () => {
  async function registerToSpeak(id: string, name: string) {
    const body = { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.org`, affiliation: 'worker' };
    const registration = { ...body, wishToSpeak: true, topic: 'pay' };
    const res = await server.api('POST', `/api/public/sessions/${id}/registrations`, registration);
    expect(res.ok).toBe(true);
  }

  it('Q15 Next passes over a registrant queued at go-live who is not here, and says so', async () => {
    const { id } = await server.createSession({}, 'lobby');
    await registerToSpeak(id, 'Rita Absent');
    await server.api('POST', `/api/sessions/${id}/lifecycle/go-live`, {});
    const moderator = await joinAs(server, id, 'moderator', 'Morgan');
    const rita = moderator.result.queue.entries[0]!;
    expect(rita).toMatchObject({ name: 'Rita Absent' });
    const ana = await joinAs(server, id, 'attendee', 'Ana');
    await ask(ana.socket, 'queue:raise-hand', {});

    expect(await ask(moderator.socket, 'floor:give', { participantId: rita.participantId })).toEqual({
      ok: false,
      reason: 'not-found',
      message: 'Rita Absent is not in the room right now.',
    });
    expect(await ask(moderator.socket, 'floor:next', {})).toEqual({ ok: true, skipped: ['Rita Absent'] });
    const q = await ask(moderator.socket, 'room:join', {});
    expect(q.ok && q.queue.offer?.participantId).toBe(ana.id);
    expect(q.ok && order(q.queue)).toEqual([rita.participantId, ana.id]);
    expect(q.ok && q.queue.absent).toEqual([rita.participantId]);

    // Presence is live: Ana leaving is shown to the moderator, with nothing else changed.
    const left = queueWhere(moderator.socket, (s) => s.absent.includes(ana.id));
    ana.socket.disconnect();
    expect(await left).toMatchObject({ revision: q.ok ? q.queue.revision : -1 });
  });

  it('Q16 the floor is offered first: no publishing until the speaker accepts; only they can answer', async () => {
    const moderator = await join('moderator', 'Morgan');
    const sam = await join('speaker', 'Sam');
    const ana = await join('attendee', 'Ana');
    await ask(sam.socket, 'queue:raise-hand', {});
    await ask(ana.socket, 'queue:raise-hand', {});
    await ask(moderator.socket, 'floor:next', {});
    const token = await ask(sam.socket, 'room:media-token', {});
    expect(token.ok && decodeJwt(token.livekit.token).video).toMatchObject({ canPublish: false });
    expect(await ask(ana.socket, 'floor:accept', {})).toMatchObject({ ok: false, reason: 'not-found' });
    expect(await ask(moderator.socket, 'floor:accept', {})).toMatchObject({ ok: false, reason: 'forbidden' });

    const declined = queueWhere(moderator.socket, (q) => q.lastOutcome?.outcome === 'declined');
    expect(await ask(sam.socket, 'floor:decline', {})).toEqual({ ok: true });
    expect(await declined).toMatchObject({ offer: null, floor: null, entries: [{ participantId: ana.id }] });
  });

  it('Q17 an unanswered offer goes back to the moderator after 20 s, from the store', async () => {
    const moderator = await join('moderator', 'Morgan');
    const sam = await join('speaker', 'Sam');
    await ask(sam.socket, 'queue:raise-hand', {});
    await ask(moderator.socket, 'floor:next', {});
    const back = queueWhere(moderator.socket, (q) => q.lastOutcome?.outcome === 'no-answer');
    server.clock.now = new Date(server.clock.now.getTime() + 20_000);
    expect(await back).toMatchObject({ offer: null, floor: null, entries: [{ participantId: sam.id }] });
    expect(await ask(sam.socket, 'floor:accept', {})).toMatchObject({ ok: false, reason: 'not-found' });
  });
});
