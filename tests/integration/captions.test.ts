import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureLogs, ERROR_LEVEL } from '../../server/log.js';
import { CAPTION_IDLE_COMMIT_MS, type CaptionLine } from '../../shared/captions.js';
import { ask, eventWhere, joinAs, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let sessionId: string;
let captionUrl: string;
let captioner: { id: string; token: string };
beforeEach(async () => {
  server = await startTestServer();
  sessionId = (await server.createSession()).id;
  const res = await server.api('POST', `/api/sessions/${sessionId}/invites`, {
    role: 'captioner',
    name: 'Cora',
  });
  const body = (await res.json()) as { id: string; url: string; captionUrl: string };
  captionUrl = body.captionUrl.replace(/^http:\/\/localhost:/, 'http://127.0.0.1:');
  captioner = { id: body.id, token: body.url.split('/join/')[1]! };
});
afterEach(async () => {
  await server.stop();
});

/** POSTs as Zoom-compatible captioning software does. */
const post = (seq: number | null, text: string, extra = '', url = captionUrl) =>
  fetch(`${url}${seq === null ? '' : `&seq=${seq}`}${extra}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: text,
  });

async function viewer() {
  const joined = await joinAs(server, sessionId, 'attendee', 'Viewer');
  const lines: CaptionLine[] = [];
  joined.socket.on('caption:line', (line) => lines.push(line));
  return { ...joined, lines };
}

describe('Zoom-compatible caption ingest', () => {
  it('C1 C2 streams words, commits at the break, names the floor holder, answers 200', async () => {
    await joinAs(server, sessionId, 'moderator', 'Morgan');
    const v = await viewer();
    const partial = eventWhere(v.socket, 'caption:partial', (p) => p.text === 'Hello');
    expect((await post(1, 'Hello')).status).toBe(200);
    await partial;
    const line = eventWhere(v.socket, 'caption:line', () => true);
    expect((await post(2, ' world\nNext')).status).toBe(200);
    expect(await line).toMatchObject({ seq: 1, lang: 'en-US', speaker: 'Morgan', text: 'Hello world' });
  });

  it('C9 a retried seq answers 200 and changes nothing; GET /seq gives the last accepted seq', async () => {
    const v = await viewer();
    expect((await post(1, 'one\n')).status).toBe(200);
    expect((await post(1, 'one\n')).status).toBe(200);
    expect((await post(2, 'two\n')).status).toBe(200);
    const seq = await fetch(captionUrl.replace('?', '/seq?'));
    expect(await seq.text()).toBe('2');
    await expect.poll(() => v.lines.map((l) => l.text)).toEqual(['one', 'two']);
  });

  it.each([
    ['a missing seq', () => post(null, 'x'), 403],
    ['a bad token', () => post(1, 'x', '', captionUrl.replace(/token=[^&]+/, 'token=forged')), 403],
    ['no token', () => post(1, 'x', '', captionUrl.replace(/\?token=[^&]+/, '?')), 403],
    ['another method', () => fetch(`${captionUrl}&seq=1`, { method: 'PUT', body: 'x' }), 405],
    ['a GET', () => fetch(`${captionUrl}&seq=1`), 405],
    ['a body over the limit', () => post(1, 'x'.repeat(9000)), 413],
  ])('answers %s as Zoom does', async (_label, send, status) => {
    expect((await send()).status).toBe(status);
  });

  it('answers 400 when the session is not live yet', async () => {
    const start = server.clock.now.getTime() + 5 * 3_600_000;
    const later = await server.createSession(
      { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3_600_000).toISOString() },
      'scheduled',
    );
    const res = await server.api('POST', `/api/sessions/${later.id}/invites`, {
      role: 'captioner',
      name: 'Cora',
    });
    const { captionUrl: url } = (await res.json()) as { captionUrl: string };
    expect(
      (await post(1, 'early\n', '', url.replace(/^http:\/\/localhost:/, 'http://127.0.0.1:'))).status,
    ).toBe(400);
  });

  it('answers 429 to a flood and loses nothing it accepted', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => post(i + 1, `w${i} `)));
    const codes = answers.map((a) => a.status);
    expect(codes).toContain(429);
    expect(codes.filter((c) => c !== 200 && c !== 429)).toEqual([]);
  });

  it('lang selects a caption track', async () => {
    const v = await viewer();
    await post(1, 'hola\n', '&lang=es-ES');
    await expect.poll(() => v.lines).toMatchObject([{ lang: 'es-ES', text: 'hola' }]);
  });
});

describe('viewers and the captioner console', () => {
  it('C8 a viewer who reconnects gets exactly the lines it missed, in order', async () => {
    const v = await viewer();
    await post(1, 'a\nb\n');
    await expect.poll(() => v.lines.length).toBe(2);
    v.socket.disconnect();
    await post(2, 'c\nd\ne\n');
    const again = await joinAs(server, sessionId, 'attendee', 'Viewer', { id: v.id, token: v.token });
    const missed = await ask(again.socket, 'caption:sync', { afterSeq: v.lines.at(-1)!.seq });
    expect(missed.ok && missed.lines.map((l) => [l.seq, l.text])).toEqual([
      [3, 'c'],
      [4, 'd'],
      [5, 'e'],
    ]);
  });

  it('C3 C4 the console streams a corrected line and commits it; others may not write', async () => {
    const v = await viewer();
    const cora = await joinAs(server, sessionId, 'captioner', 'Cora', captioner);
    const partial = eventWhere(v.socket, 'caption:partial', (p) => p.text === 'We need');
    await ask(cora.socket, 'caption:update', { text: 'We ned' });
    await ask(cora.socket, 'caption:update', { text: 'We need', speaker: 'Sam' });
    await partial;
    expect(await ask(cora.socket, 'caption:commit', {})).toEqual({ ok: true });
    await expect.poll(() => v.lines).toMatchObject([{ text: 'We need', speaker: 'Sam' }]);
    expect(await ask(v.socket, 'caption:update', { text: 'spoof' })).toMatchObject({ reason: 'forbidden' });
  });

  it('T2 T3 T4 refuses a speaker label with a line break, an escape or an override', async () => {
    const v = await viewer();
    const cora = await joinAs(server, sessionId, 'captioner', 'Cora', captioner);
    for (const speaker of ['Sam\n[00:00:09] Mallory', 'Sam\u001b[2J', 'Sam\u202e']) {
      const ack = await ask(cora.socket, 'caption:update', { text: 'Forged', speaker });
      expect(ack.ok).toBe(false);
      expect(ack.ok ? '' : ack.message).toMatch(/Speaker must (be a single line|not contain)/);
    }
    await ask(cora.socket, 'caption:update', { text: 'Real', speaker: 'Sam' });
    await ask(cora.socket, 'caption:commit', {});
    await expect.poll(() => v.lines).toMatchObject([{ text: 'Real', speaker: 'Sam' }]);
  });

  it('keeps the transcript across a restart', async () => {
    await post(1, 'kept\n');
    const dataDir = server.dataDir;
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir, now: server.clock.now });
    const v = await joinAs(server, sessionId, 'attendee', 'Late');
    const history = await ask(v.socket, 'caption:sync', { afterSeq: 0 });
    expect(history.ok && history.lines.map((l) => l.text)).toEqual(['kept']);
  });

  it('gives the captioner, and only the captioner, a working caption URL when they join', async () => {
    const cora = await joinAs(server, sessionId, 'captioner', 'Cora', captioner);
    const v = await viewer();
    expect(v.result.captionUrl).toBeNull();
    const url = cora.result.captionUrl!.replace(/^http:\/\/localhost:/, 'http://127.0.0.1:');
    expect((await post(1, 'from the console URL\n', '', url)).status).toBe(200);
    await expect.poll(() => v.lines.map((l) => l.text)).toEqual(['from the console URL']);
  });

  it('C10 records a written remark given the floor, attributed to its author', async () => {
    const mod = await joinAs(server, sessionId, 'moderator', 'Morgan');
    const v = await viewer();
    const remark = 'Please publish\n\nthe slides.';
    expect(await ask(v.socket, 'queue:raise-hand', { kind: 'remark', remark })).toEqual({ ok: true });
    expect(await ask(mod.socket, 'floor:next', {})).toEqual({ ok: true });
    await expect
      .poll(() => v.lines)
      .toMatchObject([{ speaker: 'Viewer', text: '[Written remark] Please publish the slides.' }]);
  });
});

/** What the store holds for the session: the transcript's lines and the lines in progress. */
async function stored() {
  const lines = await server.db
    .selectFrom('caption_lines')
    .select(['seq', 'speaker', 'text'])
    .where('session_id', '=', sessionId)
    .orderBy('seq')
    .execute();
  const tracks = await server.db
    .selectFrom('caption_tracks')
    .select(['lang', 'speaker', 'text'])
    .where('session_id', '=', sessionId)
    .execute();
  return { lines, tracks };
}

/** The session's transcript as the organizer downloads it. */
const transcript = async () => (await server.api('GET', `/api/transcripts/${sessionId}?format=txt`)).text();

/** A stop, then a brand-new app over the same database file: nothing held in memory survives. */
async function restart() {
  const { dataDir, clock } = server;
  await server.stop({ keepData: true });
  server = await startTestServer({ dataDir, now: clock.now, timerTickMs: 20 });
  captionUrl = captionUrl.replace(/^http:\/\/127\.0\.0\.1:\d+/, server.url);
}

describe('acknowledged means stored (C11)', () => {
  it('C11 C5 ingested text without a line break outlives a restart and is committed with no client', async () => {
    expect((await post(1, 'We need more ')).status).toBe(200);
    expect((await post(2, 'training')).status).toBe(200);
    await restart();
    // No one joins and nothing is posted: the idle commit alone brings the line to the transcript.
    server.clock.now = new Date(server.clock.now.getTime() + CAPTION_IDLE_COMMIT_MS);
    await expect.poll(transcript).toContain('We need more training');
    expect(await stored()).toEqual({
      lines: [{ seq: 1, speaker: 'Moderator', text: 'We need more training' }],
      tracks: [],
    });
  });

  it('C11 the ingest continues a line in progress stored before a restart', async () => {
    expect((await post(1, 'first half ')).status).toBe(200);
    await restart();
    expect((await post(2, 'second half\n')).status).toBe(200);
    expect((await post(2, 'second half\n')).status).toBe(200); // C9: a retry changes nothing
    expect((await stored()).lines.map((l) => [l.seq, l.text])).toEqual([[1, 'first half second half']]);
  });

  it('C11 C5 the console line in progress, acknowledged, outlives a restart with its speaker', async () => {
    const cora = await joinAs(server, sessionId, 'captioner', 'Cora', captioner);
    expect(
      await ask(cora.socket, 'caption:update', { text: 'Typed, never entered', speaker: 'Sam' }),
    ).toEqual({
      ok: true,
    });
    expect((await stored()).tracks).toEqual([
      { lang: 'en-US', speaker: 'Sam', text: 'Typed, never entered' },
    ]);
    await restart();
    server.clock.now = new Date(server.clock.now.getTime() + CAPTION_IDLE_COMMIT_MS);
    await expect.poll(transcript).toContain('Sam: Typed, never entered');
    expect((await stored()).tracks).toEqual([]);
  });

  it('C11 C4 after a restart the console commits the stored line in progress on Enter', async () => {
    let cora = await joinAs(server, sessionId, 'captioner', 'Cora', captioner);
    await ask(cora.socket, 'caption:update', { text: 'Half a sentence', speaker: 'Sam' });
    await restart();
    cora = await joinAs(server, sessionId, 'captioner', 'Cora', captioner);
    expect(await ask(cora.socket, 'caption:commit', {})).toEqual({ ok: true });
    expect(await stored()).toEqual({
      lines: [{ seq: 1, speaker: 'Sam', text: 'Half a sentence' }],
      tracks: [],
    });
  });
});

describe('a console line known by its id (C14)', () => {
  it('C14 a change or a commit of a line already committed, come late or again, changes nothing', async () => {
    const cora = await joinAs(server, sessionId, 'captioner', 'Cora', captioner);
    const line = 'line-one-0001';
    await ask(cora.socket, 'caption:update', { text: 'Committed once', speaker: 'Sam', line });
    expect(await ask(cora.socket, 'caption:commit', { line })).toEqual({ ok: true });
    // The same change again (a page that resent it through another node, a node that woke up):
    // acknowledged, and nothing is in progress afterwards, so the idle commit has nothing to repeat.
    expect(
      await ask(cora.socket, 'caption:update', { text: 'Committed once', speaker: 'Sam', line }),
    ).toEqual({
      ok: true,
    });
    expect(await ask(cora.socket, 'caption:commit', { line })).toEqual({ ok: true });
    expect((await stored()).tracks).toEqual([]);
    // The next line goes on; a late commit of the first does not commit it.
    await ask(cora.socket, 'caption:update', {
      text: 'The next line',
      speaker: 'Sam',
      line: 'line-two-0002',
    });
    expect(await ask(cora.socket, 'caption:commit', { line })).toEqual({ ok: true });
    expect(await stored()).toEqual({
      lines: [{ seq: 1, speaker: 'Sam', text: 'Committed once' }],
      tracks: [{ lang: 'en-US', speaker: 'Sam', text: 'The next line' }],
    });
    expect(await ask(cora.socket, 'caption:update', { text: 'x', line: 'bad id!' })).toMatchObject({
      ok: false,
      reason: 'invalid-payload',
    });
  });
});

/** Makes the store refuse a write from inside the transaction, as a full disk or a crash would. */
async function failWrites(name: string, table: string, when = '1') {
  for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
    await sql
      .raw(
        `CREATE TRIGGER ${name}_${op.toLowerCase()} BEFORE ${op} ON ${table} WHEN ${when} ` +
          `BEGIN SELECT RAISE(ABORT, 'injected fault'); END`,
      )
      .execute(server.db);
  }
  return async () => {
    for (const op of ['insert', 'update', 'delete'])
      await sql.raw(`DROP TRIGGER ${name}_${op}`).execute(server.db);
  };
}

describe('one change, one transaction (C12)', () => {
  // Each injected fault is logged at error level, as an operator would need it: counted, not printed.
  let faults: string[] = [];
  let restoreLogs = () => {};
  beforeEach(() => {
    faults = [];
    restoreLogs = captureLogs((record) => {
      const err = record.err as { message?: string } | undefined;
      if (record.level >= ERROR_LEVEL) faults.push(err?.message ?? record.msg ?? '');
    });
  });
  afterEach(() => restoreLogs());

  it('C12 C9 when the seq write fails after the line is written, neither is stored; the retry stores the line once', async () => {
    const v = await viewer();
    expect((await post(1, 'Hello ')).status).toBe(200);
    // Fails only once the line is in the table, within the same transaction: after the line insert.
    const heal = await failWrites(
      'seq_fault',
      'caption_ingest',
      "EXISTS (SELECT 1 FROM caption_lines WHERE text = 'Hello world')",
    );
    expect((await post(2, 'world\nNext')).status).toBe(500);
    expect(await stored()).toEqual({
      lines: [],
      tracks: [{ lang: 'en-US', speaker: 'Moderator', text: 'Hello ' }],
    });
    expect(await (await fetch(captionUrl.replace('?', '/seq?'))).text()).toBe('1');
    expect(faults).toEqual(['injected fault']);
    await heal();

    expect((await post(2, 'world\nNext')).status).toBe(200);
    expect((await post(2, 'world\nNext')).status).toBe(200);
    expect(await stored()).toEqual({
      lines: [{ seq: 1, speaker: 'Moderator', text: 'Hello world' }],
      tracks: [{ lang: 'en-US', speaker: 'Moderator', text: 'Next' }],
    });
    expect(await (await fetch(captionUrl.replace('?', '/seq?'))).text()).toBe('2');
    // Viewers were sent the line once, numbered 1: the failed change was sent to no one.
    await expect.poll(() => v.lines.map((l) => [l.seq, l.text])).toEqual([[1, 'Hello world']]);
  });

  it('C12 C9 when the line in progress cannot be stored, the POST is not acknowledged and the retry appends once', async () => {
    const v = await viewer();
    const partials: string[] = [];
    v.socket.on('caption:partial', (p) => partials.push(p.text));
    expect((await post(1, 'Hello ')).status).toBe(200);
    await expect.poll(() => partials).toEqual(['Hello ']);
    const heal = await failWrites('track_fault', 'caption_tracks');
    expect((await post(2, 'world')).status).toBe(500);
    expect(faults).toEqual(['injected fault']);
    await heal();
    expect(await (await fetch(captionUrl.replace('?', '/seq?'))).text()).toBe('1');
    expect((await post(2, 'world')).status).toBe(200);
    expect((await post(3, '\n')).status).toBe(200);
    expect((await stored()).lines.map((l) => [l.seq, l.text])).toEqual([[1, 'Hello world']]);
    await expect.poll(() => v.lines.map((l) => l.text)).toEqual(['Hello world']);
    expect(partials).toEqual(['Hello ', 'Hello world', '']);
  });

  it('C12 a console change the store refuses is answered as failed and leaves the line as it was', async () => {
    const v = await viewer();
    const cora = await joinAs(server, sessionId, 'captioner', 'Cora', captioner);
    expect(await ask(cora.socket, 'caption:update', { text: 'We need' })).toEqual({ ok: true });
    const heal = await failWrites('console_fault', 'caption_lines');
    expect(await ask(cora.socket, 'caption:update', { text: 'We need more' })).toEqual({ ok: true });
    // Enter commits a line: its insert fails, so the whole change (line and emptied track) is undone.
    expect(await ask(cora.socket, 'caption:commit', {})).toMatchObject({
      ok: false,
      reason: 'internal-error',
    });
    expect((await stored()).tracks.map((t) => t.text)).toEqual(['We need more']);
    expect(faults).toEqual(['injected fault']);
    await heal();
    expect(await ask(cora.socket, 'caption:commit', {})).toEqual({ ok: true });
    await expect.poll(() => v.lines.map((l) => [l.seq, l.text])).toEqual([[1, 'We need more']]);
    expect(await stored()).toEqual({
      lines: [{ seq: 1, speaker: 'Moderator', text: 'We need more' }],
      tracks: [],
    });
  });
});
