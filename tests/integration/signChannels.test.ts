// Issue 15, spoken-language interpretation channels (policy A42, A43), over the real server and
// store: an interpreter's link may name a spoken language; their media token names the channel in
// metadata only the server sets; everyone, the public included, sees them as a channel; and they
// never take the ASL interpreter's place on the stage.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InviteRole } from '../../shared/roles.js';
import { decodeJwt } from '../support/jwt.js';
import { ask, joinAs, startTestServer, stateWhere, type TestServer } from '../support/server.js';

let server: TestServer;
let sessionId: string;
beforeEach(async () => {
  server = await startTestServer();
  sessionId = (await server.createSession()).id;
});
afterEach(async () => {
  await server.stop();
});

async function channelInvite(name: string, language: string) {
  const res = await server.api('POST', `/api/sessions/${sessionId}/invites`, {
    role: 'interpreter',
    name,
    language,
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { id: string; url: string; language?: string };
  return { ...body, token: body.url.split('/join/')[1]! };
}

const join = (role: InviteRole, name: string, link?: { id: string; token: string }) =>
  joinAs(server, sessionId, role, name, link);

describe('spoken-language interpretation channels', () => {
  it('A42 only an interpreter link names a language, and only a language tag', async () => {
    const invite = (body: object) => server.api('POST', `/api/sessions/${sessionId}/invites`, body);
    expect((await invite({ role: 'attendee', name: 'Alex', language: 'es' })).status).toBe(400);
    expect((await invite({ role: 'interpreter', name: 'Eva', language: 'Spanish!' })).status).toBe(400);
    const eva = await channelInvite('Eva Lopez', 'es');
    expect(eva.language).toBe('es');
    const listed = (await (await server.api('GET', `/api/sessions/${sessionId}/invites`)).json()) as {
      name: string;
      language?: string;
    }[];
    expect(listed.find((i) => i.name === 'Eva Lopez')?.language).toBe('es');
  });

  it('A42 the channel is named in the media token and the room state, to the public too', async () => {
    const eva = await join('interpreter', 'Eva Lopez', await channelInvite('Eva Lopez', 'es'));
    expect(eva.result.self).toMatchObject({ role: 'interpreter', channel: 'es' });
    const token = await ask(eva.socket, 'room:media-token', {});
    if (!token.ok) throw new Error(token.message);
    const claims = decodeJwt(token.livekit.token);
    expect(JSON.parse(claims.metadata as string)).toEqual({ role: 'interpreter', channel: 'es' });
    expect((claims.video as { canPublishSources: string[] }).canPublishSources).toEqual([
      'camera',
      'microphone',
    ]);
    const ana = await join('interpreter', 'Ana Ruiz');
    const alex = await join('attendee', 'Alex Kim');
    const seen = alex.result.state.participants;
    expect(seen.find((p) => p.id === eva.id)).toMatchObject({ channel: 'es', online: true });
    expect(seen.find((p) => p.id === ana.id)?.channel).toBeUndefined();
    const anaToken = await ask(ana.socket, 'room:media-token', {});
    expect(anaToken.ok && JSON.parse(decodeJwt(anaToken.livekit.token).metadata as string)).toEqual({
      role: 'interpreter',
    });
  });

  it('A43 a spoken-language interpreter is never pinned: not on arrival, not by taking over, not by a moderator', async () => {
    const moderator = await join('moderator', 'Morgan Lee');
    const eva = await join('interpreter', 'Eva Lopez', await channelInvite('Eva Lopez', 'es'));
    expect(eva.result.state.activeInterpreterId).toBeNull();
    const pinned = stateWhere(moderator.socket, (s) => s.activeInterpreterId !== null);
    const ana = await join('interpreter', 'Ana Ruiz');
    expect((await pinned).activeInterpreterId).toBe(ana.id);

    expect(await ask(eva.socket, 'interpreter:take-over', {})).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    expect(await ask(moderator.socket, 'interpreter:set-active', { participantId: eva.id })).toMatchObject({
      ok: false,
      reason: 'not-found',
    });
    const state = await ask(moderator.socket, 'room:join', {});
    expect(state.ok && state.state.activeInterpreterId).toBe(ana.id);
  });
});
