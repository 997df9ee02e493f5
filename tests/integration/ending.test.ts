import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TRANSCRIPT_AFTER_END_MS } from '../../server/captions/transcriptAccess.js';
import type { ApiError, SessionClosedEvent } from '../../shared/protocol.js';
import {
  ask,
  connectWithoutJoining,
  joinAs,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../support/server.js';

let server: TestServer;
const START = new Date('2030-03-14T14:00:00Z');
beforeEach(async () => {
  server = await startTestServer({ now: new Date(START) });
});
afterEach(async () => {
  await server.stop();
});

/** What a socket hears from now on, in order: the closing notice, the disconnect and its reason. */
function heard(socket: TestClient) {
  const events: string[] = [];
  const closed = new Promise<SessionClosedEvent>((resolve) =>
    socket.once('session:closed', (event) => {
      events.push(`closed:${event.reason}`);
      resolve(event);
    }),
  );
  const gone = new Promise<string>((resolve) =>
    socket.once('disconnect', (reason) => {
      events.push(`disconnect:${reason}`);
      resolve(reason);
    }),
  );
  return { events, closed, gone };
}

const connectOnly = (token: string) => connectWithoutJoining(server, token);

describe('K3: each connection is told why it closes, after the answer to the command that closed it', () => {
  it('the moderator who ends the session hears "ok" first, then "ended", then the close', async () => {
    const { id, endsAt } = await server.createSession();
    const moderator = await joinAs(server, id, 'moderator', 'Morgan');
    const attendee = await joinAs(server, id, 'attendee', 'Alex');
    const lurker = await connectOnly((await server.invite(id, 'attendee', 'Lee')).token);
    const [m, a, l] = [moderator.socket, attendee.socket, lurker].map(heard);
    // The callback form: it runs as the answer is read, so the order is the order on the wire.
    const answer = new Promise((resolve) =>
      moderator.socket.timeout(5000).emit('session:advance', { action: 'end' }, (err, ack) => {
        m!.events.push(err ? `error:${err.message}` : `ack:${ack.ok}`);
        resolve(ack);
      }),
    );
    expect(await answer).toEqual({ ok: true, status: 'ended' });
    await Promise.all([m!.gone, a!.gone, l!.gone]);
    expect(m!.events).toEqual(['ack:true', 'closed:ended', 'disconnect:io server disconnect']);
    expect(a!.events).toEqual(['closed:ended', 'disconnect:io server disconnect']);
    // Those who were in the room are told until when their link opens the transcript (A24).
    const until = new Date(Date.parse(endsAt) + TRANSCRIPT_AFTER_END_MS).toISOString();
    expect(await a!.closed).toEqual({ reason: 'ended', transcriptUntil: until });
    expect(await m!.closed).toEqual({ reason: 'ended', transcriptUntil: until });
    // A connection that never joined the room is told it ended, with no transcript to offer.
    expect(await l!.closed).toEqual({ reason: 'ended', transcriptUntil: null });
  });

  it('a cancelled session says so to everyone, with no transcript', async () => {
    const { id } = await server.createSession({}, 'lobby');
    const attendee = await joinAs(server, id, 'attendee', 'Alex');
    const a = heard(attendee.socket);
    expect((await server.api('POST', `/api/sessions/${id}/lifecycle/cancel`, {})).status).toBe(200);
    expect(await a.closed).toEqual({ reason: 'cancelled', transcriptUntil: null });
    expect(await a.gone).toBe('io server disconnect');
  });

  it('a revoked link is told so, and only that link', async () => {
    const { id } = await server.createSession();
    const revoked = await joinAs(server, id, 'attendee', 'Alex');
    const other = await joinAs(server, id, 'attendee', 'Bea');
    const r = heard(revoked.socket);
    const o = heard(other.socket);
    expect((await server.api('DELETE', `/api/sessions/${id}/invites/${revoked.id}`)).status).toBe(204);
    expect(await r.closed).toEqual({ reason: 'link-revoked', transcriptUntil: null });
    expect(await r.gone).toBe('io server disconnect');
    expect(await ask(other.socket, 'queue:raise-hand', {})).toEqual({ ok: true });
    expect(o.events).toEqual([]);
  });
});

describe('A24: the transcript of an ended session opens with the link of those who were in the room', () => {
  const transcript = (sessionId: string, token: string) =>
    fetch(`${server.url}/api/transcripts/${sessionId}?format=txt&token=${encodeURIComponent(token)}`);

  it('for 30 days after the scheduled end; not for a link that never joined, a revoked one or another session', async () => {
    const { id, endsAt } = await server.createSession();
    const cora = await joinAs(server, id, 'captioner', 'Cora');
    const alex = await joinAs(server, id, 'attendee', 'Alex');
    const bea = await joinAs(server, id, 'attendee', 'Bea');
    const never = await server.invite(id, 'attendee', 'Never');
    const other = await joinAs(server, (await server.createSession()).id, 'attendee', 'Olga');
    await ask(cora.socket, 'caption:update', { text: 'Thank you all for coming.', speaker: 'Morgan' });
    expect(await ask(cora.socket, 'caption:commit', {})).toEqual({ ok: true });
    expect((await server.api('DELETE', `/api/sessions/${id}/invites/${bea.id}`)).status).toBe(204);
    expect((await server.api('POST', `/api/sessions/${id}/lifecycle/end`, {})).status).toBe(200);

    // After the scheduled end the links themselves have expired: the room refuses them.
    server.clock.now = new Date(Date.parse(endsAt) + 60_000);
    expect((await server.api('GET', `/api/join/${alex.token}`, undefined, null)).status).toBe(410);
    const read = await transcript(id, alex.token);
    expect(read.status).toBe(200);
    expect(await read.text()).toContain('Morgan: Thank you all for coming.');
    for (const token of [never.token, bea.token, other.token, 'forged']) {
      const refused = await transcript(id, token);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { message: string }).message).toMatch(/30 days/);
    }

    server.clock.now = new Date(Date.parse(endsAt) + TRANSCRIPT_AFTER_END_MS - 60_000);
    expect((await transcript(id, alex.token)).status).toBe(200);
    server.clock.now = new Date(Date.parse(endsAt) + TRANSCRIPT_AFTER_END_MS + 60_000);
    expect((await transcript(id, alex.token)).status).toBe(403);
  });

  it('a cancelled session opens no transcript, even to those who were in its lobby', async () => {
    const { id } = await server.createSession({}, 'lobby');
    const alex = await joinAs(server, id, 'attendee', 'Alex');
    expect((await transcript(id, alex.token)).status).toBe(200);
    expect((await server.api('POST', `/api/sessions/${id}/lifecycle/cancel`, {})).status).toBe(200);
    expect((await transcript(id, alex.token)).status).toBe(403);
  });
});

describe('a link that no longer opens the room still opens its end page', () => {
  const joinInfo = async (token: string) => {
    const res = await server.api('GET', `/api/join/${token}`, undefined, null);
    return { status: res.status, body: (await res.json()) as ApiError };
  };
  const refusal = (token: string) =>
    new Promise<{ message: string; data?: unknown }>((resolve) => {
      const socket = server.client(token);
      socket.once('connect_error', (err) => {
        socket.disconnect();
        resolve(err);
      });
    });

  it('after the end: GET /api/join and the handshake answer with why, the session and the role', async () => {
    const { id, endsAt } = await server.createSession();
    const alex = await joinAs(server, id, 'attendee', 'Alex');
    const never = await server.invite(id, 'speaker', 'Never');
    alex.socket.disconnect();
    expect((await server.api('POST', `/api/sessions/${id}/lifecycle/end`, {})).status).toBe(200);
    server.clock.now = new Date(Date.parse(endsAt) + 60_000);

    const until = new Date(Date.parse(endsAt) + TRANSCRIPT_AFTER_END_MS).toISOString();
    const alexInfo = await joinInfo(alex.token);
    expect(alexInfo.status).toBe(410);
    expect(alexInfo.body.closed).toMatchObject({
      closed: { reason: 'ended', transcriptUntil: until },
      session: { id, status: 'ended' },
      role: 'attendee',
    });
    // A link that never joined gets the end page without the transcript (A24).
    expect((await joinInfo(never.token)).body.closed?.closed).toEqual({
      reason: 'ended',
      transcriptUntil: null,
    });
    // A page that was away when it ended hears it when it tries to come back.
    const refused = await refusal(alex.token);
    expect(refused.data).toMatchObject({ closed: { closed: { reason: 'ended' }, role: 'attendee' } });
    // A forged link learns nothing.
    const forged = alex.token.slice(0, -4) + 'AAAA';
    expect((await joinInfo(forged)).body.closed).toBeUndefined();
    expect((await refusal(forged)).data).toBeUndefined();
  });

  it('a withdrawn link and a cancelled session say so', async () => {
    const { id } = await server.createSession({}, 'lobby');
    const bea = await server.invite(id, 'attendee', 'Bea');
    const cy = await server.invite(id, 'attendee', 'Cy');
    expect((await server.api('DELETE', `/api/sessions/${id}/invites/${bea.id}`)).status).toBe(204);
    expect((await joinInfo(bea.token)).body.closed?.closed.reason).toBe('link-revoked');
    expect((await joinInfo(cy.token)).body.closed).toBeUndefined();
    expect((await server.api('POST', `/api/sessions/${id}/lifecycle/cancel`, {})).status).toBe(200);
    expect((await joinInfo(cy.token)).body.closed?.closed).toEqual({
      reason: 'cancelled',
      transcriptUntil: null,
    });
  });
});

describe('a stop tells the pages it is a restart', () => {
  it('sends server:stopping, waits for the pages to acknowledge it, then drops them to reconnect', async () => {
    const { id } = await server.createSession();
    const alex = await joinAs(server, id, 'attendee', 'Alex');
    const events: string[] = [];
    alex.socket.on('server:stopping', (ack) => {
      events.push('stopping');
      ack();
    });
    const gone = new Promise((resolve) => alex.socket.once('disconnect', resolve));
    alex.socket.once('disconnect', (reason) => events.push(`disconnect:${reason}`));
    await server.app.close();
    await gone;
    // "transport close": socket.io-client reconnects by itself, as it does after a network drop.
    expect(events).toEqual(['stopping', 'disconnect:transport close']);
    alex.socket.disconnect();
  });
});
