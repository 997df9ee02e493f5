// Issue 15, a Deaf speaker: a registrant who will sign (ASL) is voiced by the active interpreter
// when given the floor (queue rules Q18-Q20, policy A40-A41), over the real server and store: the
// room state and the floor say who voices them, their media token publishes the camera only, and
// the captions, the transcript and the published record say "voiced by".
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaptionLine } from '../../shared/captions.js';
import type { QueueSnapshot } from '../../shared/queue.js';
import type { InviteRole } from '../../shared/roles.js';
import { decodeJwt } from '../support/jwt.js';
import { linkIn, outboxMail, tokenOf } from '../support/mail.js';
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
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.stop();
});

const queueWhere = (socket: TestClient, predicate: (q: QueueSnapshot) => boolean) =>
  eventWhere(socket, 'queue:state', predicate);

/** What the person's next media token lets them publish. */
async function sources(socket: TestClient): Promise<string[]> {
  const token = await ask(socket, 'room:media-token', {});
  if (!token.ok) throw new Error(token.message);
  return (decodeJwt(token.livekit.token).video as { canPublishSources: string[] }).canPublishSources;
}

/** Registers someone who asks to speak, and signs if told; returns their join link's token. */
async function register(sessionId: string, name: string, email: string, signs: boolean) {
  const body = { name, email, affiliation: 'worker', wishToSpeak: true, topic: 'Access', signs };
  const res = await server.api('POST', `/api/public/sessions/${sessionId}/registrations`, body, null);
  expect(res.status).toBe(202);
  const mail = await outboxMail(server.dataDir, email, /You are registered/);
  return tokenOf(linkIn(mail, 'join', server.url)!);
}

async function floorTo(moderator: TestClient, speaker: TestClient, speakerId: string) {
  const asked = queueWhere(speaker, (q) => q.offer?.participantId === speakerId);
  expect(await ask(moderator, 'floor:give', { participantId: speakerId })).toEqual({ ok: true });
  await asked;
  expect(await ask(speaker, 'floor:accept', {})).toEqual({ ok: true });
}

describe('a Deaf speaker voiced by the interpreter', () => {
  it('A40 Q18 a registrant who will sign is queued as signing, voiced on the floor, and the record says "voiced by"', async () => {
    const { id } = await server.createSession({ title: 'Hearing on AI at work' }, 'scheduled');
    const deeToken = await register(id, 'Dee Harris', 'dee@example.org', true);
    await register(id, 'Sam Patel', 'sam@example.org', false);
    const view = (await (await server.api('GET', `/api/sessions/${id}/registrations`)).json()) as {
      name: string;
      signs: boolean;
    }[];
    expect(view.map((r) => [r.name, r.signs])).toEqual([
      ['Dee Harris', true],
      ['Sam Patel', false],
    ]);
    expect((await server.api('POST', `/api/sessions/${id}/lifecycle/go-live`, {})).ok).toBe(true);

    const join = (role: InviteRole, name: string, link?: { id: string; token: string }) =>
      joinAs(server, id, role, name, link);
    const moderator = await join('moderator', 'Morgan Lee');
    const ana = await join('interpreter', 'Ana Ruiz');
    const cora = await join('captioner', 'Cora Bell');
    const joined = await join('speaker', 'Dee Harris', { id: '', token: deeToken });
    const dee = { ...joined, id: joined.result.self.id };
    expect(dee.result.queue.entries.map((e) => [e.name, e.signs ?? false])).toEqual([
      ['Dee Harris', true],
      ['Sam Patel', false],
    ]);
    // Before the floor, Dee publishes nothing at all.
    expect(await sources(dee.socket)).toEqual([]);

    const voiced = stateWhere(moderator.socket, (s) => s.floorHolderId === dee.id && s.voicedById === ana.id);
    const floor = queueWhere(cora.socket, (q) => q.floor?.participantId === dee.id);
    await floorTo(moderator.socket, dee.socket, dee.id);
    await voiced;
    expect((await floor).floor?.voicedBy).toEqual({ participantId: ana.id, name: 'Ana Ruiz' });
    // A41: the floor's voice is the interpreter's: Dee's grant is the camera only.
    expect(await sources(dee.socket)).toEqual(['camera']);
    expect(await sources(ana.socket)).toEqual(['camera', 'microphone']);

    const line = eventWhere(moderator.socket, 'caption:line', (l: CaptionLine) => l.text !== '');
    await ask(cora.socket, 'caption:update', { text: 'Captions need to be accurate.' });
    await ask(cora.socket, 'caption:commit', {});
    expect((await line).speaker).toBe('Dee Harris (voiced by Ana Ruiz)');
    const transcript = await (await server.api('GET', `/api/transcripts/${id}?format=txt`)).text();
    expect(transcript).toContain('Dee Harris (voiced by Ana Ruiz): Captions need to be accurate.');

    expect((await server.api('POST', `/api/sessions/${id}/lifecycle/end`, {})).ok).toBe(true);
    expect((await server.api('POST', `/api/sessions/${id}/record`, {})).status).toBe(201);
    const record = async (format: string) =>
      (await fetch(`${server.url}/api/public/sessions/${id}/record?format=${format}`)).text();
    const json = JSON.parse(await record('json')) as {
      speakers: { name: string; voicedBy?: string }[];
      transcript: { speaker: string }[];
    };
    expect(json.speakers).toMatchObject([{ name: 'Dee Harris', voicedBy: 'Ana Ruiz' }]);
    expect(json.transcript[0]?.speaker).toBe('Dee Harris (voiced by Ana Ruiz)');
    expect(await record('md')).toContain('Dee Harris (voiced by Ana Ruiz)');
    expect(await record('html')).toContain('<td>Dee Harris (voiced by Ana Ruiz)</td>');
  });

  it('A40 the registrations CSV says who will sign, as the JSON view does', async () => {
    const { id } = await server.createSession({ title: 'Hearing on AI at work' }, 'scheduled');
    await register(id, 'Dee Harris', 'dee@example.org', true);
    await register(id, 'Sam Patel', 'sam@example.org', false);
    const res = await server.api('GET', `/api/sessions/${id}/registrations.csv`);
    expect(res.status).toBe(200);
    const [header, ...rows]: string[][] = parse(await res.text());
    const signs = header!.indexOf('Signs (ASL)');
    expect(signs).toBeGreaterThan(-1);
    expect(rows.map((r) => [r[header!.indexOf('Name')], r[signs]])).toEqual([
      ['Dee Harris', 'yes'],
      ['Sam Patel', ''],
    ]);
  });

  it('A40 Q19 Q20 the moderator marks the floor holder, the voice follows a hand-off, and unmarking gives the microphone back', async () => {
    const { id } = await server.createSession();
    const join = (role: InviteRole, name: string) => joinAs(server, id, role, name);
    const moderator = await join('moderator', 'Morgan Lee');
    const ana = await join('interpreter', 'Ana Ruiz');
    const sam = await join('attendee', 'Sam Patel');
    const alex = await join('attendee', 'Alex Kim');
    await ask(sam.socket, 'queue:raise-hand', {});
    await floorTo(moderator.socket, sam.socket, sam.id);
    expect(await sources(sam.socket)).toEqual(['camera', 'microphone']);

    // Only a moderator marks, only a member of the public, and only with a well-formed payload.
    const mark = { participantId: sam.id, signs: true };
    expect(await ask(alex.socket, 'speaker:mark-signing', mark)).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    expect(await ask(ana.socket, 'speaker:mark-signing', mark)).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    expect(
      await ask(moderator.socket, 'speaker:mark-signing', { participantId: ana.id, signs: true }),
    ).toMatchObject({ ok: false, reason: 'not-found' });
    expect(
      await ask(moderator.socket, 'speaker:mark-signing', { participantId: sam.id, signs: 'yes' } as never),
    ).toMatchObject({ ok: false, reason: 'invalid-payload' });
    expect(await sources(sam.socket)).toEqual(['camera', 'microphone']);

    const voiced = stateWhere(alex.socket, (s) => s.voicedById === ana.id);
    expect(await ask(moderator.socket, 'speaker:mark-signing', mark)).toEqual({ ok: true });
    expect((await voiced).floorHolderId).toBe(sam.id);
    expect(await sources(sam.socket)).toEqual(['camera']);

    // Q20: a teammate takes over; the turn is voiced by them now.
    const ben = await join('interpreter', 'Ben Okafor');
    const handedOff = queueWhere(moderator.socket, (q) => q.floor?.voicedBy?.participantId === ben.id);
    const toBen = stateWhere(alex.socket, (s) => s.voicedById === ben.id);
    expect(await ask(ben.socket, 'interpreter:take-over', {})).toEqual({ ok: true });
    await Promise.all([handedOff, toBen]);
    expect(await sources(sam.socket)).toEqual(['camera']);

    const unvoiced = stateWhere(alex.socket, (s) => s.floorHolderId === sam.id && !s.voicedById);
    expect(await ask(moderator.socket, 'speaker:mark-signing', { ...mark, signs: false })).toEqual({
      ok: true,
    });
    await unvoiced;
    expect(await sources(sam.socket)).toEqual(['camera', 'microphone']);

    // The mark is kept on the link: Sam, marked again, raises a hand later as signing.
    expect(await ask(moderator.socket, 'speaker:mark-signing', mark)).toEqual({ ok: true });
    expect(await ask(moderator.socket, 'floor:end', {})).toEqual({ ok: true });
    const queued = queueWhere(moderator.socket, (q) => q.entries.some((e) => e.participantId === sam.id));
    expect(await ask(sam.socket, 'queue:raise-hand', {})).toEqual({ ok: true });
    expect((await queued).entries[0]?.signs).toBe(true);
  });

  it('Q20 Q21 a turn voiced by two interpreters in a row keeps both: the record says "voiced by A, then B"', async () => {
    const { id } = await server.createSession({ title: 'Hearing on AI at work' });
    const join = (role: InviteRole, name: string) => joinAs(server, id, role, name);
    const moderator = await join('moderator', 'Morgan Lee');
    const ana = await join('interpreter', 'Ana Ruiz');
    const ben = await join('interpreter', 'Ben Okafor');
    const cora = await join('captioner', 'Cora Bell');
    const dee = await join('attendee', 'Dee Harris');
    expect(
      await ask(moderator.socket, 'speaker:mark-signing', { participantId: dee.id, signs: true }),
    ).toEqual({
      ok: true,
    });
    await ask(dee.socket, 'queue:raise-hand', {});
    const byAna = stateWhere(moderator.socket, (s) => s.floorHolderId === dee.id && s.voicedById === ana.id);
    await floorTo(moderator.socket, dee.socket, dee.id);
    await byAna;

    const write = async (text: string) => {
      const line = eventWhere(moderator.socket, 'caption:line', (l: CaptionLine) => l.text === text);
      await ask(cora.socket, 'caption:update', { text });
      await ask(cora.socket, 'caption:commit', {});
      return (await line).speaker;
    };
    expect(await write('Before the hand-off.')).toBe('Dee Harris (voiced by Ana Ruiz)');
    const byBen = stateWhere(moderator.socket, (s) => s.voicedById === ben.id);
    expect(await ask(ben.socket, 'interpreter:take-over', {})).toEqual({ ok: true });
    await byBen;
    // Each line names who voiced it as it was said.
    expect(await write('After the hand-off.')).toBe('Dee Harris (voiced by Ben Okafor)');
    // Unmarking late in the turn takes nobody off the list: both did voice it.
    const unvoiced = stateWhere(moderator.socket, (s) => s.floorHolderId === dee.id && !s.voicedById);
    expect(
      await ask(moderator.socket, 'speaker:mark-signing', { participantId: dee.id, signs: false }),
    ).toEqual({ ok: true });
    await unvoiced;

    expect((await server.api('POST', `/api/sessions/${id}/lifecycle/end`, {})).ok).toBe(true);
    expect((await server.api('POST', `/api/sessions/${id}/record`, {})).status).toBe(201);
    const record = async (format: string) =>
      (await fetch(`${server.url}/api/public/sessions/${id}/record?format=${format}`)).text();
    const json = JSON.parse(await record('json')) as {
      speakers: { name: string; voicedBy?: string; voices?: string[] }[];
      transcript: { speaker: string; text: string }[];
    };
    expect(json.speakers).toEqual([
      expect.objectContaining({
        name: 'Dee Harris',
        voicedBy: 'Ana Ruiz, then Ben Okafor',
        voices: ['Ana Ruiz', 'Ben Okafor'],
      }),
    ]);
    expect(json.transcript.map((l) => l.speaker)).toEqual([
      'Dee Harris (voiced by Ana Ruiz)',
      'Dee Harris (voiced by Ben Okafor)',
    ]);
    expect(await record('md')).toContain('1\\. Dee Harris (voiced by Ana Ruiz, then Ben Okafor), ');
    expect(await record('html')).toContain('<td>Dee Harris (voiced by Ana Ruiz, then Ben Okafor)</td>');
    const transcript = await (await server.api('GET', `/api/transcripts/${id}?format=txt`)).text();
    expect(transcript).toContain('Dee Harris (voiced by Ana Ruiz): Before the hand-off.');
    expect(transcript).toContain('Dee Harris (voiced by Ben Okafor): After the hand-off.');
  });
});
