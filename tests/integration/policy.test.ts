import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol.js';
import { OUTDATED_CLIENT } from '../../server/transport/auth.js';
import {
  ask,
  connectWithoutJoining,
  joinAs,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../support/server.js';

// The findings of the attack review, each under the policy rule (server/policy/SPEC.md) that
// now prevents it. All of them failed before the policy existed.

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.stop();
});

const connectOnly = (token: string) => connectWithoutJoining(server, token);

const closed = (socket: TestClient) => new Promise((resolve) => socket.once('disconnect', resolve));

/** Emits raw arguments (as an attacker's client would) and waits at most 2 s for the acknowledgement. */
function emitRaw(socket: TestClient, event: string, ...args: unknown[]) {
  const raw = socket.timeout(2000) as unknown as {
    emitWithAck(e: string, ...a: unknown[]): Promise<unknown>;
  };
  return raw.emitWithAck(event, ...args) as Promise<{ ok: boolean; reason?: string }>;
}

describe('K1, K3: a revoked link or an ended session closes every connection, joined or not', () => {
  it('K1 a connected socket that had not joined is refused and closed after its link is revoked', async () => {
    const { id: sessionId } = await server.createSession();
    const invite = await server.invite(sessionId, 'attendee', 'Alex');
    const socket = await connectOnly(invite.token);
    const gone = closed(socket);
    await server.api('DELETE', `/api/sessions/${sessionId}/invites/${invite.id}`);
    await gone;
    // Even a socket that raced the revocation gets no answer but "closed" from the store check.
    const racer = await connectOnly((await server.invite(sessionId, 'attendee', 'Bea')).token);
    await server.db.updateTable('invites').set({ revoked_at: new Date().toISOString() }).execute();
    const racerGone = closed(racer);
    expect(await ask(racer, 'room:join', {})).toMatchObject({ ok: false, reason: 'closed' });
    // The answer comes first, then the close (a turn of the server's loop later).
    await racerGone;
    expect(racer.connected).toBe(false);
  });

  it('K3 ending the session closes sockets that never joined, too', async () => {
    const { id: sessionId } = await server.createSession();
    const socket = await connectOnly((await server.invite(sessionId, 'attendee', 'Alex')).token);
    const joined = await joinAs(server, sessionId, 'moderator', 'Morgan');
    const gone = Promise.all([closed(socket), closed(joined.socket)]);
    expect((await server.api('POST', `/api/sessions/${sessionId}/lifecycle/end`, {})).status).toBe(200);
    await gone;
  });
});

describe('A3, A8: the lobby is closed to the public', () => {
  it.each(['scheduled', 'lobby'] as const)(
    'A3 in a %s session the public gets no media token, staff do',
    async (status) => {
      const { id: sessionId } = await server.createSession({}, status);
      const attendee = await joinAs(server, sessionId, 'attendee', 'Alex');
      const moderator = await joinAs(server, sessionId, 'moderator', 'Morgan');
      expect(attendee.result.ok && attendee.result.livekit).toBeNull();
      expect(moderator.result.ok && moderator.result.livekit).not.toBeNull();
      expect(await ask(attendee.socket, 'room:media-token', {})).toMatchObject({
        ok: false,
        reason: 'wrong-state',
      });
      expect(await ask(attendee.socket, 'queue:raise-hand', { topic: 'jobs' })).toMatchObject({
        ok: false,
        reason: 'wrong-state',
      });
      // Once live, the same socket may ask for media and raise a hand.
      await server.api('POST', `/api/sessions/${sessionId}/lifecycle/go-live`, {});
      expect(await ask(attendee.socket, 'room:media-token', {})).toMatchObject({ ok: true });
      expect(await ask(attendee.socket, 'queue:raise-hand', { topic: 'jobs' })).toEqual({ ok: true });
    },
  );
});

describe('A8, A9: public comments off is enforced in the room', () => {
  it('A8 attendees and speakers can neither raise a hand nor send a remark', async () => {
    const { id: sessionId } = await server.createSession({ publicComments: false });
    for (const role of ['attendee', 'speaker'] as const) {
      const { socket } = await joinAs(server, sessionId, role, 'Alex');
      for (const hand of [{ topic: 'jobs' }, { kind: 'remark', remark: 'Read this.' }] as const) {
        expect(await ask(socket, 'queue:raise-hand', hand)).toMatchObject({
          ok: false,
          reason: 'comments-closed',
        });
      }
    }
  });

  it('A9 registrants who asked to speak are not queued at go-live once comments are off', async () => {
    const { id: sessionId } = await server.createSession({}, 'lobby');
    const registration = {
      name: 'Sam Speaker',
      email: 'sam@example.org',
      affiliation: 'worker',
      wishToSpeak: true,
      topic: 'pay',
    };
    expect(
      (await server.api('POST', `/api/public/sessions/${sessionId}/registrations`, registration)).ok,
    ).toBe(true);
    await server.api('PATCH', `/api/sessions/${sessionId}`, { publicComments: false });
    await server.api('POST', `/api/sessions/${sessionId}/lifecycle/go-live`, {});
    const moderator = await joinAs(server, sessionId, 'moderator', 'Morgan');
    expect(moderator.result.ok && moderator.result.queue.entries).toEqual([]);
  });
});

describe('K1: one rate limit per socket, and every command is answered', () => {
  it('K1 twenty commands a second in all, whatever mix of features they belong to', async () => {
    const { id: sessionId } = await server.createSession();
    const { socket } = await joinAs(server, sessionId, 'attendee', 'Alex');
    const mix = [
      () => ask(socket, 'room:media-token', {}),
      () => ask(socket, 'caption:sync', { afterSeq: 0 }),
      () => ask(socket, 'queue:lower-hand', {}),
      () => ask(socket, 'interpreter:take-over', {}),
      () => ask(socket, 'session:advance', { action: 'end' }),
    ];
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => mix[i % mix.length]!()));
    const limited = results.filter((r) => !r.ok && r.reason === 'rate-limited').length;
    // One limiter per handler group let 5 x 20 = 100 through; one per socket lets at most 20 (+1
    // for the join, which came from the same socket a moment earlier) of these 50 through.
    expect(limited).toBeGreaterThanOrEqual(29);
  });

  it('K1 a command without a payload, with extra arguments, or unknown, is still answered', async () => {
    const { id: sessionId } = await server.createSession();
    const { socket } = await joinAs(server, sessionId, 'moderator', 'Morgan');
    expect(await emitRaw(socket, 'floor:next')).toMatchObject({ ok: false, reason: 'not-found' });
    expect(await emitRaw(socket, 'queue:lower-all', {}, 'extra')).toMatchObject({
      ok: false,
      reason: 'invalid-payload',
    });
    expect(await emitRaw(socket, 'room:join', null)).toMatchObject({ ok: true });
    expect(await emitRaw(socket, 'queue:configure', 'not an object')).toMatchObject({
      ok: false,
      reason: 'invalid-payload',
    });
    expect(await emitRaw(socket, 'room:leave-everything', {})).toMatchObject({
      ok: false,
      reason: 'unknown-command',
    });
  });

  it('K1 the caption ingest\'s "last seq" answer is rate limited like its POSTs', async () => {
    const { id: sessionId } = await server.createSession();
    const res = await server.api('POST', `/api/sessions/${sessionId}/invites`, {
      role: 'captioner',
      name: 'Cam',
    });
    const { captionUrl } = (await res.json()) as { captionUrl: string };
    const url = new URL(captionUrl);
    const seqUrl = `${server.url}${url.pathname}/seq${url.search}`;
    const statuses = await Promise.all(Array.from({ length: 40 }, () => fetch(seqUrl).then((r) => r.status)));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  });
});

describe('K4: LiveKit webhooks', () => {
  it("K4 an event without LiveKit's signature is refused and changes nothing", async () => {
    const body = JSON.stringify({ event: 'room_started', room: { name: 'x' } });
    for (const authorization of [undefined, 'Bearer nonsense']) {
      const res = await fetch(`${server.url}/api/livekit/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/webhook+json', ...(authorization ? { authorization } : {}) },
        body,
      });
      expect(res.status).toBe(401);
    }
  });
});

describe('K5: versions', () => {
  it('K5 a client of another protocol version is refused with a message to reload', async () => {
    const { id: sessionId } = await server.createSession();
    const { token } = await server.invite(sessionId, 'attendee', 'Alex');
    for (const auth of [{ token }, { token, protocol: PROTOCOL_VERSION + 1 }]) {
      const socket = io(server.url, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
      const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
      expect(error.message).toBe(OUTDATED_CLIENT);
      socket.disconnect();
    }
  });

  it('K5 queue state carries a revision that grows with every change', async () => {
    const { id: sessionId } = await server.createSession();
    const alex = await joinAs(server, sessionId, 'attendee', 'Alex');
    const before = alex.result.ok ? alex.result.queue.revision : -1;
    const next = new Promise<number>((resolve) =>
      alex.socket.once('queue:state', (q) => resolve(q.revision)),
    );
    await ask(alex.socket, 'queue:raise-hand', { topic: 'jobs' });
    expect(await next).toBe(before + 1);
  });
});
