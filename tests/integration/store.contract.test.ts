// The store contract: every query the server makes, run against SQLite (always) and PostgreSQL
// (when OPENFLOOR_TEST_DATABASE_URL names a server; `npm test` starts one). Each run gets a fresh
// database, so the suite also proves that the migrations build the schema from nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaptionRepo } from '../../server/store/captionRepo.js';
import { openDb, type Db } from '../../server/store/db.js';
import { createRegistrationRepo } from '../../server/store/registrationRepo.js';
import { createRepo } from '../../server/store/repo.js';
import { createTurnRepo } from '../../server/store/turnRepo.js';
import { registrationSchema } from '../../shared/sessions.js';
import { contractDialects } from '../support/postgres.js';

const DIALECTS = contractDialects('openfloor_contract');

const NOW = new Date('2026-12-01T14:00:00.000Z');
const LATER = new Date('2026-12-01T14:05:00.000Z');
const SESSION = {
  title: 'Contract',
  startsAt: '2026-12-01T15:00:00.000Z',
  endsAt: '2026-12-01T16:00:00.000Z',
  timeZone: 'America/Chicago',
};

describe.each(DIALECTS)('the store on %s', (dialect, open) => {
  let db: Db;
  let target: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const opened = await open();
    drop = opened.drop;
    target = opened.target;
    db = await openDb(opened.target);
  });
  afterAll(async () => {
    await db?.destroy();
    await drop?.();
  });

  it('sessions: create with defaults, edit only what is named, move status only from the allowed ones', async () => {
    const repo = createRepo(db);
    const s = await repo.createSession({ ...SESSION, capacity: 2 }, NOW);
    expect(await repo.getSession(s.id)).toMatchObject({
      title: 'Contract',
      time_zone: 'America/Chicago',
      capacity: 2,
      speaking_limit_ms: 180_000,
      public_comments: 1,
      status: 'scheduled',
      record_published_at: null,
    });
    await repo.updateSession(s.id, { focus: 'Hiring', capacity: null });
    expect(await repo.getSession(s.id)).toMatchObject({ focus: 'Hiring', capacity: null, title: 'Contract' });
    expect(await repo.setStatus(s.id, ['lobby'], 'live')).toBe(false);
    expect(await repo.setStatus(s.id, ['scheduled', 'lobby'], 'live')).toBe(true);
    await repo.publishRecord(s.id, NOW);
    expect((await repo.getSession(s.id))?.record_published_at).toBe(NOW.toISOString());
    expect((await repo.listSessions()).map((x) => x.id)).toContain(s.id);
    expect(await repo.getSession('nope')).toBeUndefined();
  });

  it('invites: join order, rename, revoke, the pin and the first moderator', async () => {
    const repo = createRepo(db);
    const s = await repo.createSession(SESSION, NOW);
    const mod = await repo.createInvite(s.id, 'moderator', 'Morgan', s.ends_at, NOW);
    const ana = await repo.createInvite(s.id, 'interpreter', 'Ana', s.ends_at, NOW);
    const alex = await repo.createInvite(s.id, 'attendee', 'Alex', s.ends_at, NOW);
    await repo.markJoined(ana.id, s.id, 'Ana R.', NOW);
    await repo.markJoined(mod.id, s.id, 'Morgan', NOW);
    const firstJoin = (await repo.getInvite(ana.id))?.joined_at;
    await repo.markJoined(ana.id, s.id, 'Ana R.', LATER); // a second join keeps the first place
    expect((await repo.getInvite(ana.id))?.joined_at).toBe(firstJoin);
    expect((await repo.listJoined(s.id)).map((i) => [i.name, i.join_order])).toEqual([
      ['Ana R.', 1],
      ['Morgan', 2],
    ]);
    const sam = await repo.createInvite(s.id, 'speaker', 'Sam', s.ends_at, NOW);
    await repo.markJoined(alex.id, s.id, 'Alex', NOW);
    await repo.markJoined(sam.id, s.id, 'Sam', NOW);
    expect((await repo.listJoined(s.id)).map((i) => i.name)).toEqual(['Ana R.', 'Morgan', 'Alex', 'Sam']);
    // Staff only, plus the one member of the public asked for (the speaker on the floor).
    expect((await repo.listJoined(s.id, null)).map((i) => i.name)).toEqual(['Ana R.', 'Morgan']);
    expect((await repo.listJoined(s.id, sam.id)).map((i) => i.name)).toEqual(['Ana R.', 'Morgan', 'Sam']);
    expect(await repo.firstModeratorName(s.id)).toBe('Morgan');
    // The invite and its session in one read are the two reads, column for column.
    expect(await repo.getInviteAndSession(sam.id)).toEqual({
      invite: await repo.getInvite(sam.id),
      session: await repo.getSession(s.id),
    });
    expect(await repo.getInviteAndSession('nope')).toBeUndefined();
    await repo.renameInvite(alex.id, 'Alexandra');
    expect((await repo.getInvite(alex.id))?.name).toBe('Alexandra');
    expect(await repo.revokeInvite(s.id, alex.id, NOW)).toBe(true);
    expect(await repo.revokeInvite(s.id, alex.id, NOW)).toBe(false);
    expect((await repo.listInvites(s.id)).map((i) => i.role).sort()).toEqual([
      'attendee',
      'interpreter',
      'moderator',
      'speaker',
    ]);
    await repo.setActiveInterpreter(s.id, ana.id);
    expect((await repo.getSession(s.id))?.active_interpreter_id).toBe(ana.id);
  });

  it('a join storm: the joins of one turn share one read, one write and one list, each answered as if alone', async () => {
    let queries = 0;
    const counted = await openDb(target, { onQuery: () => queries++ });
    try {
      const repo = createRepo(counted);
      const s = await repo.createSession(SESSION, NOW);
      const mod = await repo.createInvite(s.id, 'moderator', 'Morgan', s.ends_at, NOW);
      const people = await Promise.all(
        ['Ada', 'Bo', 'Cy', 'Di'].map((name) => repo.createInvite(s.id, 'attendee', name, s.ends_at, NOW)),
      );
      await repo.markJoined(mod.id, s.id, 'Morgan', NOW);
      queries = 0;
      // The same turn: four link checks (one of them unknown, one asked twice), four marks, four lists.
      const ids = [...people.map((p) => p.id), 'nope', people[0]!.id];
      const [found, , lists] = await Promise.all([
        Promise.all(ids.map((id) => repo.getInviteAndSession(id))),
        Promise.all(people.map((p) => repo.markJoined(p.id, s.id, `${p.name}!`, LATER))),
        Promise.all([null, null, people[1]!.id, undefined].map((who) => repo.listJoined(s.id, who))),
      ]);
      const turn = queries;
      expect(found.map((f) => f?.invite.name)).toEqual(['Ada', 'Bo', 'Cy', 'Di', undefined, 'Ada']);
      expect(found[0]?.session).toEqual(await repo.getSession(s.id));
      // One read for the six checks; the four marks in one transaction (begin, on PostgreSQL one
      // lock of the session, four updates, commit); one list per distinct question (three). Asked
      // one by one, the same twelve calls were 14 queries (26 on PostgreSQL).
      expect(turn).toBe(dialect === 'PostgreSQL' ? 11 : 10);
      // In the order they were asked, after everyone who had joined before.
      const joined = await repo.listJoined(s.id);
      expect(joined.map((i) => [i.name, i.join_order])).toEqual([
        ['Morgan', 1],
        ['Ada!', 2],
        ['Bo!', 3],
        ['Cy!', 4],
        ['Di!', 5],
      ]);
      expect(lists[0]!.map((i) => i.name)).toEqual(['Morgan']);
      expect(lists[0]).toEqual(lists[1]);
      // Inside a transaction nothing waits for the turn to end: the queries run at once, on it.
      await counted.transaction().execute(async (trx) => {
        const inside = createRepo(trx);
        expect((await inside.getInviteAndSession(mod.id))?.invite.name).toBe('Morgan');
      });
    } finally {
      await counted.destroy();
    }
  });

  it('A23 host invites: one live host link per session, made once, reused, made anew once revoked', async () => {
    const repo = createRepo(db);
    const s = await repo.createSession(SESSION, NOW);
    const host = (expiresAt = s.ends_at) => repo.hostInvite(s.id, 'Organizer (host)', expiresAt, NOW);
    // Presses that race: one insert wins, the others find it.
    const raced = await Promise.all([1, 2, 3, 4, 5].map(() => host()));
    const first = raced[0]!.invite;
    expect(new Set(raced.map((r) => r.invite.id))).toEqual(new Set([first.id]));
    expect(raced.filter((r) => r.created)).toHaveLength(1);
    expect(await repo.getInvite(first.id)).toMatchObject({
      role: 'moderator',
      name: 'Organizer (host)',
      host: 1,
    });
    // The index itself refuses a second live host link in the session; the insert that lost a race
    // is told so by the count of rows it added, on both dialects.
    const second = { ...first, id: 'second-host-link' };
    await expect(db.insertInto('invites').values(second).execute()).rejects.toThrow();
    const lost = await db
      .insertInto('invites')
      .values(second)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    expect(Number(lost.numInsertedOrUpdatedRows)).toBe(0);
    // Staff links are not host links, and another session has its own.
    await repo.createInvite(s.id, 'moderator', 'Morgan', s.ends_at, NOW);
    expect(await host()).toMatchObject({ invite: { id: first.id }, created: false });
    const other = await repo.createSession(SESSION, NOW);
    expect((await repo.hostInvite(other.id, 'Organizer (host)', other.ends_at, NOW)).created).toBe(true);
    // The reused link's expiry follows the session's end.
    const later = '2026-12-01T19:00:00.000Z';
    expect((await host(later)).invite.expires_at).toBe(later);
    expect((await repo.getInvite(first.id))?.expires_at).toBe(later);
    // Once revoked, the next press makes a new one.
    await repo.revokeInvite(s.id, first.id, NOW);
    const next = await host();
    expect(next.created).toBe(true);
    expect(next.invite.id).not.toBe(first.id);
  });

  it('queues: the state is saved whole and read back, the last write winning', async () => {
    const repo = createRepo(db);
    const s = await repo.createSession(SESSION, NOW);
    expect(await repo.getQueue(s.id)).toBeUndefined();
    const settings = { speakingLimitMs: 1, warningMs: 0, autoEnd: true };
    const state = { revision: 1, entries: [], floor: null, offer: null, lastOutcome: null, settings };
    await repo.saveQueue(s.id, state, NOW);
    await repo.saveQueue(s.id, { ...state, revision: 2, settings: { ...settings, speakingLimitMs: 2 } }, NOW);
    expect(await repo.getQueue(s.id)).toMatchObject({ revision: 2, settings: { speakingLimitMs: 2 } });
  });

  it('C8 C9 captions: lines numbered as they are stored, read back after a seq; the ingest seq per link', async () => {
    const repo = createRepo(db);
    const captions = createCaptionRepo(db);
    const s = await repo.createSession(SESSION, NOW);
    const cora = await repo.createInvite(s.id, 'captioner', 'Cora', s.ends_at, NOW);
    expect(await captions.lastSeq(s.id)).toBe(0);
    const line = (n: number) => ({
      lang: 'en-US',
      speaker: 'Sam',
      text: `Line ${n} — “quoted” ünïcode`,
      startedAt: NOW.toISOString(),
      at: NOW.toISOString(),
    });
    expect((await captions.saveChange(s.id, { lines: [line(1), line(2)] })).lines.map((l) => l.seq)).toEqual([
      1, 2,
    ]);
    expect((await captions.saveChange(s.id, { lines: [line(3)] })).lines.map((l) => l.seq)).toEqual([3]);
    expect(await captions.saveChange(s.id, { lines: [] })).toEqual({ lines: [], corrected: [] });
    expect(await captions.lastSeq(s.id)).toBe(3);
    expect((await captions.linesAfter(s.id, 1, 10)).map((l) => [l.seq, l.text])).toEqual([
      [2, 'Line 2 — “quoted” ünïcode'],
      [3, 'Line 3 — “quoted” ünïcode'],
    ]);
    expect(await captions.lastIngestSeq(cora.id)).toBeNull();
    await captions.saveChange(s.id, { lines: [], ingest: { inviteId: cora.id, seq: 7 } });
    await captions.saveChange(s.id, { lines: [], ingest: { inviteId: cora.id, seq: 9 } });
    expect(await captions.lastIngestSeq(cora.id)).toBe(9);
  });

  it('C11 caption tracks: the line in progress is stored, read back exactly, and removed once empty', async () => {
    const repo = createRepo(db);
    const captions = createCaptionRepo(db);
    const s = await repo.createSession(SESSION, NOW);
    const other = await repo.createSession(SESSION, NOW);
    expect(await captions.getTrack(s.id, 'en-US')).toBeUndefined();
    const state = {
      text: 'Wir brauchen “mehr” ',
      speaker: 'Zoë',
      startedAt: NOW.getTime() + 123,
      changedAt: NOW.getTime() + 4567,
      lineId: 'console-line-1',
    };
    await captions.saveChange(s.id, { lines: [], track: { lang: 'en-US', state } });
    await captions.saveChange(s.id, { lines: [], track: { lang: 'de-DE', state } });
    await captions.saveChange(other.id, { lines: [], track: { lang: 'en-US', state } });
    expect(await captions.getTrack(s.id, 'en-US')).toEqual(state);
    const next = { ...state, text: `${state.text}Zeit`, changedAt: state.changedAt + 1 };
    await captions.saveChange(s.id, { lines: [], track: { lang: 'en-US', state: next } });
    expect(await captions.getTrack(s.id, 'en-US')).toEqual(next);
    await captions.saveChange(s.id, {
      lines: [],
      track: {
        lang: 'de-DE',
        state: { text: '', speaker: '', startedAt: 0, changedAt: NOW.getTime(), lineId: null },
      },
    });
    expect(await captions.getTrack(s.id, 'de-DE')).toBeUndefined();
    const stored = (await captions.storedTracks()).filter((t) => [s.id, other.id].includes(t.sessionId));
    expect(stored).toHaveLength(2);
    expect(stored).toEqual(
      expect.arrayContaining([
        { sessionId: s.id, lang: 'en-US' },
        { sessionId: other.id, lang: 'en-US' },
      ]),
    );
  });

  it('C12 one change is one transaction: when its last write fails, none of it is stored', async () => {
    const repo = createRepo(db);
    const captions = createCaptionRepo(db);
    const s = await repo.createSession(SESSION, NOW);
    const cora = await repo.createInvite(s.id, 'captioner', 'Cora', s.ends_at, NOW);
    const at = NOW.toISOString();
    const line = (text: string) => ({
      lang: 'en-US',
      speaker: 'Sam',
      text,
      startedAt: at,
      at,
      lineId: `console-${text}`,
    });
    const track = (text: string) => ({
      lang: 'en-US',
      state: { text, speaker: 'Sam', startedAt: NOW.getTime(), changedAt: NOW.getTime(), lineId: null },
    });
    await captions.saveChange(s.id, {
      lines: [line('first')],
      track: track('before'),
      ingest: { inviteId: cora.id, seq: 1 },
    });
    // The seq of a link that does not exist breaks a foreign key: the last write of the change fails.
    await expect(
      captions.saveChange(s.id, {
        lines: [line('lost')],
        track: track('after'),
        ingest: { inviteId: 'no-such-invite', seq: 2 },
      }),
    ).rejects.toThrow();
    expect((await captions.linesAfter(s.id, 0, 10)).map((l) => l.text)).toEqual(['first']);
    // C14: a console line's id is kept with what it committed.
    expect(await captions.lineCommitted(s.id, 'console-first')).toBe(true);
    expect(await captions.lineCommitted(s.id, 'console-other')).toBe(false);
    expect(await captions.lineCommitted(s.id, 'console-lost')).toBe(false);
    expect((await captions.getTrack(s.id, 'en-US'))?.text).toBe('before');
    expect(await captions.lastIngestSeq(cora.id)).toBe(1);
    // The same change retried: stored once, numbered after the last line, no gap.
    const retried = await captions.saveChange(s.id, {
      lines: [line('lost')],
      track: track('after'),
      ingest: { inviteId: cora.id, seq: 2 },
    });
    expect(retried.lines.map((l) => [l.seq, l.text])).toEqual([[2, 'lost']]);
    expect((await captions.getTrack(s.id, 'en-US'))?.text).toBe('after');
    expect(await captions.lastIngestSeq(cora.id)).toBe(2);
  });

  it('C16 C17 C19 caption corrections: in place, counted per session, found again by the count', async () => {
    const repo = createRepo(db);
    const captions = createCaptionRepo(db);
    const s = await repo.createSession(SESSION, NOW);
    const at = NOW.toISOString();
    const line = (text: string, breakAfter: boolean, lang = 'en-US') => ({
      lang,
      speaker: 'Sam',
      text,
      startedAt: at,
      at,
      breakAfter,
    });
    await captions.saveChange(s.id, {
      lines: [
        line('one', true),
        line('dos', true, 'es-ES'),
        line('two', false),
        line('[Written remark] x', false),
      ],
    });
    // C16: the track's last line with text that is not a written remark, and how it ended.
    expect(await captions.reachableLine(s.id, 'en-US')).toEqual({
      seq: 3,
      text: 'two',
      speaker: 'Sam',
      startedAt: NOW.getTime(),
      breakAfter: false,
    });
    expect(await captions.reachableLine(s.id, 'de-DE')).toBeNull();
    const reopened = { text: 'tw', speaker: 'Sam', startedAt: 1, changedAt: 2, lineId: null, reopens: 3 };
    await captions.saveChange(s.id, { lines: [], track: { lang: 'en-US', state: reopened } });
    expect(await captions.getTrack(s.id, 'en-US')).toEqual(reopened);
    // A reopened line with no text left is still a line in progress: its row stays.
    const emptied = { ...reopened, text: '' };
    await captions.saveChange(s.id, { lines: [], track: { lang: 'en-US', state: emptied } });
    expect(await captions.getTrack(s.id, 'en-US')).toEqual(emptied);

    const later = LATER.toISOString();
    const saved = await captions.saveChange(s.id, {
      corrections: [
        { seq: 3, text: 'too', speaker: 'Sam', breakAfter: true, at: later },
        { seq: 1, text: 'one', speaker: 'Sam', at: later }, // no change: nothing stored or sent
        { seq: 99, text: 'none', speaker: 'Sam', at: later }, // no such line
      ],
      lines: [line('four', true)],
      track: { lang: 'en-US', state: { ...emptied, reopens: undefined } },
    });
    expect(saved).toEqual({
      corrected: [{ ...line('too', true), seq: 3, correctedAt: later, fix: 1, breakAfter: undefined }],
      lines: [{ ...line('four', true), seq: 5, breakAfter: undefined }],
    });
    expect(await captions.getTrack(s.id, 'en-US')).toBeUndefined();
    await captions.saveChange(s.id, {
      lines: [],
      corrections: [{ seq: 1, text: '1', speaker: 'Ann', at: later }],
    });
    expect(await captions.lastFix(s.id)).toBe(2);
    expect((await captions.linesAfter(s.id, 0, 10)).map((l) => [l.seq, l.speaker, l.text, l.fix])).toEqual([
      [1, 'Ann', '1', 2],
      [2, 'Sam', 'dos', undefined],
      [3, 'Sam', 'too', 1],
      [4, 'Sam', '[Written remark] x', undefined],
      [5, 'Sam', 'four', undefined],
    ]);
    expect((await captions.correctedAfter(s.id, 1, 3, 10)).map((l) => l.seq)).toEqual([1]);
    expect((await captions.correctedAfter(s.id, 0, 2, 10)).map((l) => l.seq)).toEqual([1]);
    expect((await captions.correctedAfter(s.id, 0, 3, 10)).map((l) => l.seq)).toEqual([3, 1]);
    expect(await captions.line(s.id, 3)).toMatchObject({ text: 'too', correctedAt: later, fix: 1 });
    expect(await captions.reachableLine(s.id, 'en-US')).toMatchObject({ seq: 5, breakAfter: true });
  });

  it('registrations: one per email per session, in order, counted by status', async () => {
    const repo = createRepo(db);
    const registrations = createRegistrationRepo(db);
    const s = await repo.createSession(SESSION, NOW);
    const input = (n: number) =>
      registrationSchema.parse({ name: `P${n}`, email: `p${n}@example.org`, affiliation: 'union' });
    const first = await registrations.insert(s.id, input(1), 'registered', NOW);
    await registrations.insert(s.id, input(2), 'waitlisted', NOW);
    await expect(registrations.insert(s.id, input(1), 'registered', NOW)).rejects.toThrow();
    expect((await registrations.list(s.id)).map((r) => [r.registered_order, r.name])).toEqual([
      [1, 'P1'],
      [2, 'P2'],
    ]);
    expect(await registrations.countRegistered(s.id)).toBe(1);
    await registrations.update(first.id, { ...input(1), name: 'P One', wishToSpeak: true }, NOW);
    expect(await registrations.findByEmail(s.id, 'p1@example.org')).toMatchObject({
      name: 'P One',
      wish_to_speak: 1,
    });
    const invite = await repo.createInvite(s.id, 'speaker', 'P2', s.ends_at, NOW);
    await registrations.setStatus(
      (await registrations.findByEmail(s.id, 'p2@example.org'))!.id,
      'registered',
      invite.id,
      NOW,
    );
    expect(await registrations.countRegistered(s.id)).toBe(2);
  });

  it('registrations by email: the change of the manage link, the waitlist head, reminders once, the invite role', async () => {
    const repo = createRepo(db);
    const registrations = createRegistrationRepo(db);
    const s = await repo.createSession({ ...SESSION, requireEmailConfirmation: true }, NOW);
    expect((await repo.getSession(s.id))!.require_email_confirmation).toBe(1);
    await repo.updateSession(s.id, { requireEmailConfirmation: false });
    expect((await repo.getSession(s.id))!.require_email_confirmation).toBe(0);
    const input = (n: number) =>
      registrationSchema.parse({ name: `P${n}`, email: `p${n}@example.org`, affiliation: 'union' });
    const p1 = await registrations.insert(s.id, input(1), 'pending', NOW);
    await registrations.insert(s.id, input(2), 'waitlisted', NOW);
    await registrations.insert(s.id, input(3), 'waitlisted', NOW);
    expect((await registrations.firstWaitlisted(s.id))!.name).toBe('P2');

    await registrations.change(
      p1.id,
      { name: 'P One', accommodations: { asl: true, cart: false, other: '' } },
      NOW,
    );
    expect(await registrations.get(p1.id)).toMatchObject({
      name: 'P One',
      email: 'p1@example.org',
      requested: '{"asl":true,"cart":false,"other":""}',
    });

    expect(await registrations.unreminded([s.id])).toEqual([]);
    await registrations.setStatus(p1.id, 'registered', null, NOW);
    expect((await registrations.unreminded([s.id])).map((r) => r.id)).toEqual([p1.id]);
    // N7: two nodes claiming one reminder at once: one of them has it.
    const claims = await Promise.all([
      registrations.markReminded(p1.id, NOW),
      registrations.markReminded(p1.id, NOW),
    ]);
    expect(claims.sort()).toEqual([false, true]);
    expect(await registrations.unreminded([s.id])).toEqual([]);
    await registrations.unmarkReminded(p1.id);
    expect((await registrations.unreminded([s.id])).map((r) => r.id)).toEqual([p1.id]);
    expect(await registrations.markReminded(p1.id, NOW)).toBe(true);
    expect(await registrations.unreminded([])).toEqual([]);

    const invite = await repo.createInvite(s.id, 'attendee', 'P One', s.ends_at, NOW);
    await repo.setInviteRole(invite.id, 'speaker');
    expect((await repo.getInvite(invite.id))!.role).toBe('speaker');
  });

  it('turns: starting one ends the one before; null ends the last', async () => {
    const repo = createRepo(db);
    const turns = createTurnRepo(db);
    const s = await repo.createSession(SESSION, NOW);
    const turn = (name: string, at: string) => ({
      participant_id: name,
      name,
      kind: 'speak',
      topic: null,
      remark: null,
      started_at: at,
    });
    await turns.change(s.id, turn('Sam', 't1'), 't1');
    await turns.change(s.id, turn('Ana', 't2'), 't2');
    await turns.change(s.id, null, 't3');
    expect((await turns.list(s.id)).map((t) => [t.seq, t.name, t.started_at, t.ended_at])).toEqual([
      [1, 'Sam', 't1', 't2'],
      [2, 'Ana', 't2', 't3'],
    ]);
  });
});
