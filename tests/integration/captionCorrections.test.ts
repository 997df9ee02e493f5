import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CAPTION_IDLE_COMMIT_MS, type CaptionLine, type CaptionPartial } from '../../shared/captions.js';
import { ask, eventWhere, joinAs, startTestServer, type TestServer } from '../support/server.js';

// Backspaces from captioning software across a line break, and the corrections they make (C15-C19),
// through the real ingest, the real store and real viewers.
const BS = '\u0008';
const START = Date.parse('2026-11-23T15:00:00Z');

let server: TestServer;
let sessionId: string;
let captionUrl: string;
/** The link behind `captionUrl`: its captioner's console and software write as one. */
let cart: { id: string; token: string };
beforeEach(async () => {
  server = await startTestServer({ now: new Date(START), timerTickMs: 20 });
  sessionId = (await server.createSession()).id;
  const res = await server.api('POST', `/api/sessions/${sessionId}/invites`, {
    role: 'captioner',
    name: 'Cora',
  });
  const body = (await res.json()) as { id: string; url: string; captionUrl: string };
  captionUrl = body.captionUrl.replace(/^http:\/\/localhost:\d+/, server.url);
  cart = { id: body.id, token: body.url.split('/join/')[1]! };
});
afterEach(async () => {
  await server.stop();
});

const post = async (seq: number, text: string) => {
  const res = await fetch(`${captionUrl}&seq=${seq}`, { method: 'POST', body: text });
  expect(res.status).toBe(200);
};

/** An attendee who records every caption event, in order. */
async function viewer(link?: { id: string; token: string }) {
  const joined = await joinAs(server, sessionId, 'attendee', 'Viewer', link);
  const lines: CaptionLine[] = [];
  const fixes: CaptionLine[] = [];
  const partials: CaptionPartial[] = [];
  joined.socket.on('caption:line', (line) => lines.push(line));
  joined.socket.on('caption:corrected', (line) => fixes.push(line));
  joined.socket.on('caption:partial', (partial) => partials.push(partial));
  return { ...joined, lines, fixes, partials };
}

const storedText = async () => {
  const lines = await server.db.selectFrom('caption_lines').select(['seq', 'text', 'corrected_at']).execute();
  const tracks = await server.db.selectFrom('caption_tracks').select(['text', 'reopens']).execute();
  return { lines, tracks };
};

const transcript = async () => (await server.api('GET', `/api/transcripts/${sessionId}?format=txt`)).text();

describe('backspaces across a line break (C15-C17)', () => {
  it('C15 C16 C17 C19 correct the committed line in place: one correction to viewers, none stored twice, no control character kept', async () => {
    const v = await viewer();
    await post(1, 'I like catz\n');
    await expect.poll(() => v.lines.map((l) => [l.seq, l.text])).toEqual([[1, 'I like catz']]);

    server.clock.now = new Date(START + 65_000);
    const reopened = eventWhere(v.socket, 'caption:partial', (p) => p.reopens === 1);
    await post(2, `${BS}${BS}`);
    // The break went first, then the z: viewers see line 1 being written again, in its place.
    expect(await reopened).toMatchObject({ text: 'I like cat', reopens: 1 });
    expect(await storedText()).toEqual({
      lines: [{ seq: 1, text: 'I like catz', corrected_at: null }],
      tracks: [{ text: 'I like cat', reopens: 1 }],
    });

    const next = eventWhere(v.socket, 'caption:partial', (p) => p.text === 'Next');
    await post(3, 's\nNext');
    await next;
    await post(3, 's\nNext'); // C9: the software's retry changes nothing
    expect(v.fixes).toEqual([
      {
        seq: 1,
        lang: 'en-US',
        speaker: 'Moderator',
        text: 'I like cats',
        startedAt: new Date(START).toISOString(),
        at: new Date(START).toISOString(),
        correctedAt: new Date(START + 65_000).toISOString(),
        fix: 1,
      },
    ]);
    expect(v.lines).toHaveLength(1);
    const stored = await storedText();
    expect(stored.lines).toEqual([
      { seq: 1, text: 'I like cats', corrected_at: new Date(START + 65_000).toISOString() },
    ]);
    expect(stored.tracks).toEqual([{ text: 'Next', reopens: null }]);
    expect(JSON.stringify(stored)).not.toMatch(/\\b|\\u0008/);

    await post(4, '\n');
    await expect
      .poll(() => v.lines.map((l) => [l.seq, l.text]))
      .toEqual([
        [1, 'I like catz'],
        [2, 'Next'],
      ]);
    expect(v.fixes).toHaveLength(1);
    expect(await transcript()).toBe(
      '[00:00:00] Moderator: I like cats (corrected at 00:01:05)\n[00:01:05] Moderator: Next\n',
    );
  });

  it('C16 C17 C11 a reopened line outlives a restart and the idle commit makes it its correction', async () => {
    await post(1, 'Thanks all!\n');
    await post(2, `${BS}${BS}.`);
    const { dataDir, clock } = server;
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir, now: clock.now, timerTickMs: 20 });
    const v = await viewer();
    server.clock.now = new Date(START + CAPTION_IDLE_COMMIT_MS);
    await expect.poll(() => v.fixes.map((l) => [l.seq, l.text])).toEqual([[1, 'Thanks all.']]);
    expect((await storedText()).tracks).toEqual([]);
    expect(await transcript()).toContain('Moderator: Thanks all. (corrected at 00:00:03)');
  });

  it('C17 a line emptied by backspaces is taken back: left out of the transcript, no new line', async () => {
    const v = await viewer();
    await post(1, 'Kept\nOops\n');
    await post(2, BS.repeat(5));
    await post(3, '\n');
    await expect.poll(() => v.fixes.map((l) => [l.seq, l.text])).toEqual([[2, '']]);
    expect(v.lines.map((l) => l.text)).toEqual(['Kept', 'Oops']);
    expect(await transcript()).toBe('[00:00:00] Moderator: Kept\n');
  });
});

describe('corrections reach every page exactly once (C19)', () => {
  it('C19 a page that reconnects gets the corrections it missed; a line it missed comes corrected', async () => {
    const v = await viewer();
    await post(1, 'one\ntwo\n');
    await expect.poll(() => v.lines).toHaveLength(2);
    v.socket.disconnect();
    await post(2, `${BS}${BS}2\nthree\n`);
    await post(3, `${BS}${BS}${BS}${BS}${BS}${BS}3\n`);
    const again = await viewer({ id: v.id, token: v.token });
    const sync = await ask(again.socket, 'caption:sync', { afterSeq: 2, afterFix: 0 });
    expect(sync.ok && sync.lines.map((l) => [l.seq, l.text, l.fix])).toEqual([[3, '3', 2]]);
    expect(sync.ok && sync.fixes.map((l) => [l.seq, l.text, l.fix])).toEqual([[2, 'tw2', 1]]);
    expect(sync.ok && sync.lastFix).toBe(2);
    // Up to date: nothing again.
    const none = await ask(again.socket, 'caption:sync', { afterSeq: 3, afterFix: 2 });
    expect(none.ok && [none.lines, none.fixes]).toEqual([[], []]);
    const late = await ask(again.socket, 'caption:sync', { afterSeq: 0 });
    expect(late.ok && late.lines.map((l) => l.text)).toEqual(['one', 'tw2', '3']);
  });
});

describe('the console corrects a committed line (C18)', () => {
  async function consoleOf(name: string) {
    return joinAs(server, sessionId, 'captioner', name);
  }

  it('C18 C19 A28 viewers get the correction once, in place; the transcript and the record keep it with its time', async () => {
    const v = await viewer();
    const cora = await consoleOf('Cora');
    await ask(cora.socket, 'caption:update', { text: 'We ned more trainng', speaker: 'Sam' });
    await ask(cora.socket, 'caption:commit', {});
    await ask(cora.socket, 'caption:update', { text: 'Next line', speaker: 'Sam' });
    await ask(cora.socket, 'caption:commit', {});
    await expect.poll(() => v.lines).toHaveLength(2);

    server.clock.now = new Date(START + 125_000);
    const fixed = { seq: 1, text: 'We need more\u0007 training\n' };
    expect(await ask(cora.socket, 'caption:correct', fixed)).toEqual({ ok: true });
    // The same correction again (a double press, a resend): nothing changes, nothing is sent.
    expect(await ask(cora.socket, 'caption:correct', { seq: 1, text: 'We need more training' })).toEqual({
      ok: true,
    });
    expect(await ask(cora.socket, 'caption:correct', { seq: 2, text: 'Next line.', speaker: 'Ana' })).toEqual(
      {
        ok: true,
      },
    );
    await expect
      .poll(() => v.fixes.map((l) => [l.seq, l.speaker, l.text, l.fix]))
      .toEqual([
        [1, 'Sam', 'We need more training', 1],
        [2, 'Ana', 'Next line.', 2],
      ]);
    expect(v.fixes[0]!.correctedAt).toBe(new Date(START + 125_000).toISOString());
    expect(v.lines.map((l) => l.seq)).toEqual([1, 2]);
    expect(await transcript()).toBe(
      '[00:00:00] Sam: We need more training (corrected at 00:02:05)\n' +
        '[00:00:00] Ana: Next line. (corrected at 00:02:05)\n',
    );
    const vtt = await (await server.api('GET', `/api/transcripts/${sessionId}?format=vtt`)).text();
    expect(vtt).toContain(
      'NOTE corrected at 00:02:05.000\n\n1\n00:00:00.000 --> 00:00:01.000\n<v Sam>We need more training',
    );

    expect((await server.api('POST', `/api/sessions/${sessionId}/lifecycle/end`, {})).status).toBe(200);
    expect((await server.api('POST', `/api/sessions/${sessionId}/record`, {})).status).toBe(201);
    const published = await fetch(`${server.url}/api/public/sessions/${sessionId}/record?format=json`);
    const record = (await published.json()) as {
      transcript: { seq: number; text: string; correctedAt?: string }[];
    };
    expect(record.transcript[0]).toMatchObject({
      seq: 1,
      text: 'We need more training',
      correctedAt: new Date(START + 125_000).toISOString(),
    });
  });

  it('C18 A26 A28 refuses a line that does not exist, an empty text, a line being rewritten, and a captioner without the pen', async () => {
    const cora = await joinAs(server, sessionId, 'captioner', 'Cora', cart);
    await post(1, 'Typed by the software\n');
    await post(2, BS);
    expect(await ask(cora.socket, 'caption:correct', { seq: 1, text: 'Corrected' })).toMatchObject({
      ok: false,
      reason: 'wrong-state',
    });
    await post(3, '\n'); // committed again, unchanged: nothing to correct
    const other = await consoleOf('Dee');
    expect(await ask(other.socket, 'caption:correct', { seq: 1, text: 'Hijacked' })).toMatchObject({
      ok: false,
      reason: 'pen-held',
    });
    expect(await ask(cora.socket, 'caption:correct', { seq: 9, text: 'Nothing here' })).toMatchObject({
      ok: false,
      reason: 'not-found',
    });
    const blank = await ask(cora.socket, 'caption:correct', { seq: 1, text: '   ' });
    expect(blank).toMatchObject({ reason: 'invalid-payload' });
    expect(blank.ok ? '' : blank.message).toContain('A corrected line cannot be empty.');
    expect(await ask(cora.socket, 'caption:correct', { seq: 1, text: '\u200b\u0007' })).toMatchObject({
      reason: 'invalid-payload',
    });
    const attendee = await viewer();
    expect(await ask(attendee.socket, 'caption:correct', { seq: 1, text: 'x' })).toMatchObject({
      reason: 'forbidden',
    });
    expect((await storedText()).lines).toEqual([
      { seq: 1, text: 'Typed by the software', corrected_at: null },
    ]);
  });
});
