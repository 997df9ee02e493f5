import { decodeJwt } from '../support/jwt.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack, JoinResult } from '../../shared/protocol.js';
import {
  ask,
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

const join = (role: Parameters<TestServer['invite']>[1], name: string) =>
  joinAs(server, sessionId, role, name);

const videoGrant = (r: Ack<JoinResult>) =>
  r.ok && r.livekit ? (decodeJwt(r.livekit.token).video as Record<string, unknown>) : undefined;

describe('room:join', () => {
  it('gives everyone the same state: the moderator on the floor, the first interpreter pinned (P1, F1)', async () => {
    const moderator = await join('moderator', 'Morgan');
    const interpreter = await join('interpreter', 'Ana');
    const seen = stateWhere(moderator.socket, (s) => s.audienceOnline === 1);
    const attendee = await join('attendee', 'Alex');
    const state = attendee.result.ok ? attendee.result.state : null;
    expect(state?.floorHolderId).toBe(moderator.id);
    expect(state?.activeInterpreterId).toBe(interpreter.id);
    // Staff are listed by name; the public is counted (and listed only when on the floor).
    expect(state?.participants.map((p) => [p.name, p.role, p.online])).toEqual([
      ['Morgan', 'moderator', true],
      ['Ana', 'interpreter', true],
    ]);
    expect(state?.audienceOnline).toBe(1);
    // The broadcast was built after the join's answer (K5: a later revision), with the same content.
    const broadcast = await seen;
    expect({ ...broadcast, revision: 0 }).toEqual({ ...state, revision: 0 });
    expect(broadcast.revision).toBeGreaterThan(state!.revision);
  });

  it('mints LiveKit tokens with grants by role in a live session, never room admin (A3, A4, G3)', async () => {
    const moderator = videoGrant((await join('moderator', 'Morgan')).result);
    const attendee = videoGrant((await join('attendee', 'Alex')).result);
    const speaker = videoGrant((await join('speaker', 'Sam')).result);
    expect(moderator).toMatchObject({
      roomJoin: true,
      room: sessionId,
      canPublish: true,
      canSubscribe: true,
    });
    expect(moderator?.canPublishSources).toEqual(['camera', 'microphone']);
    for (const grant of [attendee, speaker])
      expect(grant).toMatchObject({ canPublish: false, canSubscribe: true });
    for (const grant of [moderator, attendee, speaker]) expect(grant?.roomAdmin).toBeFalsy();
  });

  it('uses the name chosen on the pre-join page', async () => {
    const invite = await server.invite(sessionId, 'attendee', 'Alexander');
    const result = await ask(server.client(invite.token), 'room:join', { name: 'Alex K.' });
    expect(result.ok && result.self.name).toBe('Alex K.');
  });

  it('refuses a bad payload with a reason and changes nothing', async () => {
    const invite = await server.invite(sessionId, 'attendee', 'Alex');
    const socket = server.client(invite.token);
    const result = await ask(socket, 'room:join', { name: 'x'.repeat(500) });
    expect(result).toMatchObject({ ok: false, reason: 'invalid-payload' });
    const hand = await ask(socket, 'queue:raise-hand', { kind: 'speak', topic: '' });
    expect(hand).toMatchObject({ ok: false, reason: 'not-joined' });
  });

  it('gives a media token before the join, as the policy grants it: the public subscribes only', async () => {
    const invite = await server.invite(sessionId, 'attendee', 'Alex');
    const token = await ask(server.client(invite.token), 'room:media-token', {});
    if (!token.ok) throw new Error(token.message);
    const { video } = decodeJwt(token.livekit.token) as { video: Record<string, unknown> };
    expect(video).toMatchObject({ room: sessionId, canSubscribe: true, canPublish: false });
    const lobby = (await server.createSession({}, 'lobby')).id;
    const early = await server.invite(lobby, 'attendee', 'Bea');
    expect(await ask(server.client(early.token), 'room:media-token', {})).toMatchObject({ ok: false });
  });

  it('refuses a connection without a valid link', async () => {
    const bad = server.client('forged');
    const error = await new Promise<Error>((resolve) => bad.once('connect_error', resolve));
    expect(error.message).toMatch(/not valid/);
  });

  it('rate-limits a flood of commands from one socket', async () => {
    const { socket } = await join('attendee', 'Alex');
    const results = await Promise.all(Array.from({ length: 40 }, () => ask(socket, 'room:media-token', {})));
    expect(results.filter((r) => !r.ok && r.reason === 'rate-limited').length).toBeGreaterThan(0);
  });

  it('disconnects whoever uses a revoked link and shows them offline', async () => {
    const moderator = await join('moderator', 'Morgan');
    const attendee = await join('attendee', 'Alex');
    const gone = new Promise((resolve) => attendee.socket.once('disconnect', resolve));
    await stateWhere(moderator.socket, (s) => s.audienceOnline === 1);
    const offline = stateWhere(moderator.socket, (s) => s.audienceOnline === 0);
    await server.api('DELETE', `/api/sessions/${sessionId}/invites/${attendee.id}`);
    await gone;
    await offline;
  });
});

describe('the interpreter pin', () => {
  let moderator: { socket: TestClient; id: string };
  let ana: { socket: TestClient; id: string };
  let ben: { socket: TestClient; id: string };
  let attendee: { socket: TestClient; id: string };
  beforeEach(async () => {
    moderator = await join('moderator', 'Morgan');
    ana = await join('interpreter', 'Ana');
    ben = await join('interpreter', 'Ben');
    attendee = await join('attendee', 'Alex');
  });

  it('moves to the interpreter who takes over, for everyone (P2)', async () => {
    const seen = stateWhere(attendee.socket, (s) => s.activeInterpreterId === ben.id);
    expect(await ask(ben.socket, 'interpreter:take-over', {})).toEqual({ ok: true });
    expect((await seen).activeInterpreterId).toBe(ben.id);
  });

  it('lets the moderator switch, and nobody else (P3)', async () => {
    expect(await ask(ben.socket, 'interpreter:take-over', {})).toEqual({ ok: true });
    const byModerator = await ask(moderator.socket, 'interpreter:set-active', { participantId: ana.id });
    expect(byModerator).toEqual({ ok: true });
    const byAttendee = await ask(attendee.socket, 'interpreter:set-active', { participantId: ben.id });
    expect(byAttendee).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await ask(attendee.socket, 'interpreter:take-over', {})).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    const notInterpreter = await ask(moderator.socket, 'interpreter:set-active', {
      participantId: attendee.id,
    });
    expect(notInterpreter).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it('shows the public the active interpreter only, and the team both (R1)', async () => {
    const interpreters = (s: { participants: { id: string; role: string }[] }) =>
      s.participants.filter((p) => p.role === 'interpreter').map((p) => p.id);
    const late = await join('attendee', 'Late joiner');
    expect(late.result.ok && interpreters(late.result.state)).toEqual([ana.id]);
    const staff = await join('captioner', 'Cora');
    expect(staff.result.ok && interpreters(staff.result.state).sort()).toEqual([ana.id, ben.id].sort());

    const publicView = stateWhere(attendee.socket, (s) => s.activeInterpreterId === ben.id);
    const teamView = stateWhere(moderator.socket, (s) => s.activeInterpreterId === ben.id);
    expect(await ask(ben.socket, 'interpreter:take-over', {})).toEqual({ ok: true });
    expect(interpreters(await publicView)).toEqual([ben.id]);
    expect(interpreters(await teamView).sort()).toEqual([ana.id, ben.id].sort());
  });

  it('stays with an interpreter who drops, shown offline, and survives a server restart (P4)', async () => {
    const dropped = stateWhere(moderator.socket, (s) =>
      s.participants.some((p) => p.id === ana.id && !p.online),
    );
    ana.socket.disconnect();
    expect((await dropped).activeInterpreterId).toBe(ana.id);

    const dataDir = server.dataDir;
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir });
    const late = await join('attendee', 'Late joiner');
    const state = late.result.ok ? late.result.state : null;
    expect(state?.activeInterpreterId).toBe(ana.id);
    expect(state?.participants.find((p) => p.id === ana.id)?.online).toBe(false);
  });
});
