import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicSession } from '../../shared/sessions.js';
import { ask, eventWhere, joinAs, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.stop();
});

const hour = 3_600_000;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();
const json = async <T>(res: Response) => (await res.json()) as T;

function register(sessionId: string, body: Record<string, unknown>) {
  return server.api('POST', `/api/public/sessions/${sessionId}/registrations`, body, null);
}
const person = (n: number, extra: Record<string, unknown> = {}) => ({
  name: `Person ${n}`,
  email: `Person${n}@Example.org`,
  affiliation: 'worker',
  ...extra,
});

describe('organizer sessions', () => {
  it('creates a session with every field, lists it, and edits it', async () => {
    const res = await server.api('POST', '/api/sessions', {
      title: 'AI at work',
      description: 'How is AI changing your job?',
      focus: 'Warehouses',
      startsAt: at(hour),
      endsAt: at(2 * hour),
      capacity: 50,
      speakingLimitSeconds: 120,
      publicComments: true,
      offered: { asl: true, cart: true, captionLanguages: ['en-US', 'es-US'], other: 'Plain language' },
    });
    expect(res.status).toBe(201);
    const { id, timeZone, status } = await json<{ id: string; timeZone: string; status: string }>(res);
    expect({ timeZone, status }).toEqual({ timeZone: 'America/New_York', status: 'scheduled' });
    const edited = await server.api('PATCH', `/api/sessions/${id}`, {
      title: 'AI at work, again',
      capacity: 0,
    });
    expect(await json<PublicSession>(edited)).toMatchObject({
      title: 'AI at work, again',
      registration: 'waitlist',
      offered: { captionLanguages: ['en-US', 'es-US'] },
    });
    const listed = await json<PublicSession[]>(await server.api('GET', '/api/organizer/sessions'));
    expect(listed.map((s) => s.id)).toEqual([id]);
  });

  it.each([
    ['an end before the start', { startsAt: at(2 * hour), endsAt: at(hour) }, 'endsAt'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['a capacity below zero', { capacity: -1 }, 'capacity'],
    ['an oversized description', { description: 'x'.repeat(5001) }, 'description'],
    ['an unknown field', { colour: 'red' }, ''],
  ])('refuses %s with a clear message, creating nothing', async (_label, change, path) => {
    const res = await server.api('POST', '/api/sessions', {
      title: 'T',
      startsAt: at(hour),
      endsAt: at(2 * hour),
      ...change,
    });
    expect(res.status).toBe(400);
    const body = await json<{ issues: { path: string }[] }>(res);
    expect(body.issues.map((i) => i.path)).toContain(path);
    expect(await json<unknown[]>(await server.api('GET', '/api/organizer/sessions'))).toEqual([]);
  });

  it('checks an edited end against the stored start, and needs the organizer', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    const res = await server.api('PATCH', `/api/sessions/${id}`, { endsAt: at(-hour) });
    expect(res.status).toBe(400);
    expect((await server.api('PATCH', `/api/sessions/${id}`, { title: 'x' }, null)).status).toBe(401);
    expect((await server.api('GET', '/api/organizer/sessions', undefined, 'wrong')).status).toBe(401);
  });

  it('moves through scheduled, lobby, live and ended; an ended session closes its links', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    const viewer = await joinAs(server, id, 'attendee', 'Alex');
    const step = (action: string) => server.api('POST', `/api/sessions/${id}/lifecycle/${action}`, {});
    expect((await step('end')).status).toBe(409);
    const lobby = eventWhere(viewer.socket, 'room:state', (s) => s.session.status === 'lobby');
    expect(await json(await step('open-lobby'))).toEqual({ status: 'lobby' });
    await lobby;
    expect(await json(await step('go-live'))).toEqual({ status: 'live' });
    expect((await step('open-lobby')).status).toBe(409);
    const closed = new Promise((resolve) => viewer.socket.once('disconnect', resolve));
    expect(await json(await step('end'))).toEqual({ status: 'ended' });
    expect(await closed).toBe('io server disconnect');
    expect((await server.api('GET', `/api/join/${viewer.token}`, undefined, null)).status).toBe(410);
    expect((await step('nonsense')).status).toBe(400);
  });

  it('lets a moderator, and only a moderator, advance the session from the room', async () => {
    const { id } = await server.createSession({}, 'lobby');
    const mod = await joinAs(server, id, 'moderator', 'Morgan');
    const viewer = await joinAs(server, id, 'attendee', 'Alex');
    expect(await ask(viewer.socket, 'session:advance', { action: 'go-live' })).toMatchObject({
      reason: 'forbidden',
    });
    expect(await ask(mod.socket, 'session:advance', { action: 'go-live' })).toEqual({
      ok: true,
      status: 'live',
    });
    expect(await ask(mod.socket, 'session:advance', { action: 'go-live' })).toMatchObject({
      reason: 'wrong-state',
    });
  });

  it('lists the staff links with who has joined, and a caption URL for each captioner', async () => {
    const { id } = await server.createSession();
    await joinAs(server, id, 'moderator', 'Morgan');
    await server.invite(id, 'captioner', 'Cora');
    const invites = await json<{ name: string; joinedAt: string | null; captionUrl: string | null }[]>(
      await server.api('GET', `/api/sessions/${id}/invites`),
    );
    const rows = invites.map((i) => [i.name, i.joinedAt !== null, i.captionUrl !== null]);
    expect(rows.sort()).toEqual([
      ['Cora', false, true],
      ['Morgan', true, false],
    ]);
  });
});

describe('registration', () => {
  it('R2, R3: registers with 202 and no links in the answer; the same email again changes nothing', async () => {
    const { id } = await server.createSession({ title: 'Listening' }, 'scheduled');
    const first = await register(id, person(1, { wishToSpeak: true, topic: 'Scheduling' }));
    expect(first.status).toBe(202);
    const again = await register(id, person(1, { name: 'Person One', email: 'person1@example.org' }));
    expect(again.status).toBe(202);
    expect(await json(again)).toEqual(await json(first));
    const list = await json<{ name: string; status: string }[]>(
      await server.api('GET', `/api/sessions/${id}/registrations`),
    );
    expect(list.map((x) => [x.name, x.status])).toEqual([['Person 1', 'registered']]);
  });

  it('R4, R7: puts people on the waitlist when full; the organizer moves them off', async () => {
    const { id } = await server.createSession({ capacity: 1 }, 'scheduled');
    await register(id, person(1));
    await register(id, person(2));
    const listing = await json<PublicSession>(
      await server.api('GET', `/api/public/sessions/${id}`, undefined, null),
    );
    expect(listing.registration).toBe('waitlist');
    const [, second] = await json<{ id: string; status: string }[]>(
      await server.api('GET', `/api/sessions/${id}/registrations`),
    );
    expect(second!.status).toBe('waitlisted');
    const promote = `/api/sessions/${id}/registrations/${second!.id}/promote`;
    expect((await server.api('POST', promote, {}, null)).status).toBe(401);
    expect((await server.api('POST', promote, {})).status).toBe(204);
    expect((await server.api('POST', promote, {})).status).toBe(404);
  });

  it.each([
    ['a bad email', { email: 'not-an-email' }, 'email'],
    ['a missing affiliation', { affiliation: undefined }, 'affiliation'],
    ['a control character in the name', { name: 'A\u0007B' }, 'name'],
    ['an oversized topic', { topic: 'x'.repeat(201) }, 'topic'],
  ])('refuses %s, naming the field, and registers nobody', async (_label, change, path) => {
    const { id } = await server.createSession({}, 'scheduled');
    const res = await register(id, { ...person(1), ...change });
    expect(res.status).toBe(400);
    expect((await json<{ issues: { path: string }[] }>(res)).issues.map((i) => i.path)).toContain(path);
    expect(await json<unknown[]>(await server.api('GET', `/api/sessions/${id}/registrations`))).toEqual([]);
  });

  it('exports the registrations as CSV that a spreadsheet cannot run', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    await register(
      id,
      person(1, { organization: '=HYPERLINK("http://evil")', accommodations: { asl: true } }),
    );
    const res = await server.api('GET', `/api/sessions/${id}/registrations.csv`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, row]: string[][] = parse(await res.text());
    expect(header).toContain('Organization');
    expect(row![header!.indexOf('Organization')]).toBe('\'=HYPERLINK("http://evil")');
    expect(row![header!.indexOf('ASL')]).toBe('yes');
  });

  it('queues the registrants who asked to speak, in registration order, when the session goes live', async () => {
    const { id } = await server.createSession({ speakingLimitSeconds: 90 }, 'lobby');
    await register(id, person(1, { wishToSpeak: true, topic: 'Pay' }));
    await register(id, person(2));
    await register(id, person(3, { wishToSpeak: true, topic: 'Safety' }));
    await server.api('POST', `/api/sessions/${id}/lifecycle/go-live`, {});
    const mod = await joinAs(server, id, 'moderator', 'Morgan');
    const { queue } = mod.result as unknown as {
      queue: { entries: { name: string; topic: string }[]; settings: { speakingLimitMs: number } };
    };
    expect(queue.entries.map((e) => [e.name, e.topic])).toEqual([
      ['Person 1', 'Pay'],
      ['Person 3', 'Safety'],
    ]);
    expect(queue.settings.speakingLimitMs).toBe(90_000);
  });

  it('closes registration when the session has ended', async () => {
    const { id } = await server.createSession();
    await server.api('POST', `/api/sessions/${id}/lifecycle/end`, {});
    expect((await register(id, person(1))).status).toBe(409);
    expect(await json<unknown[]>(await server.api('GET', '/api/public/sessions', undefined, null))).toEqual(
      [],
    );
  });
});

describe('the published record', () => {
  it('is published once the session has ended, with the turns and the transcript', async () => {
    const { id } = await server.createSession();
    const mod = await joinAs(server, id, 'moderator', 'Morgan');
    const sam = await joinAs(server, id, 'speaker', 'Sam');
    const cora = await joinAs(server, id, 'captioner', 'Cora');
    await ask(sam.socket, 'queue:raise-hand', { topic: 'Pay' });
    await ask(mod.socket, 'floor:next', {});
    await ask(sam.socket, 'floor:accept', {});
    await ask(cora.socket, 'caption:update', { text: 'Our pay changed <b>a lot</b>.' });
    await ask(cora.socket, 'caption:commit', {});
    server.clock.now = new Date(server.clock.now.getTime() + 95_000);
    await ask(mod.socket, 'floor:end', {});
    expect((await server.api('POST', `/api/sessions/${id}/record`, {})).status).toBe(409);
    expect((await server.api('GET', `/api/public/sessions/${id}/record`, undefined, null)).status).toBe(404);
    await server.api('POST', `/api/sessions/${id}/lifecycle/end`, {});
    expect((await server.api('POST', `/api/sessions/${id}/record`, {})).status).toBe(201);

    const record = await json<{ speakers: unknown[]; transcript: { speaker: string; text: string }[] }>(
      await server.api('GET', `/api/public/sessions/${id}/record`, undefined, null),
    );
    expect(record.speakers).toMatchObject([{ order: 1, name: 'Sam', topic: 'Pay', durationSeconds: 95 }]);
    expect(record.transcript).toMatchObject([{ speaker: 'Sam', text: 'Our pay changed <b>a lot</b>.' }]);
    const html = await (
      await server.api('GET', `/api/public/sessions/${id}/record?format=html`, undefined, null)
    ).text();
    expect(html).toContain('Our pay changed &lt;b&gt;a lot&lt;/b&gt;.');
    const md = await server.api('GET', `/api/public/sessions/${id}/record?format=md`, undefined, null);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
  });
});
