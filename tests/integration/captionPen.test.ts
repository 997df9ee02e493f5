import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureLogs, ERROR_LEVEL } from '../../server/log.js';
import type { CaptionLine } from '../../shared/captions.js';
import type { RoomState } from '../../shared/protocol.js';
import { ask, joinAs, stateWhere, startTestServer, type TestServer } from '../support/server.js';

// Two captioners hand the pen of a caption track to each other (policy A26-A29): the one without
// it is refused at the console and at the ingest, and nothing of theirs is stored or interleaved.
let server: TestServer;
let sessionId: string;
let errors: string[];
let restoreLogs: () => void;

interface Captioner {
  id: string;
  token: string;
  captionUrl: string;
}

async function captionerLink(name: string): Promise<Captioner> {
  const res = await server.api('POST', `/api/sessions/${sessionId}/invites`, { role: 'captioner', name });
  const body = (await res.json()) as { id: string; url: string; captionUrl: string };
  const captionUrl = body.captionUrl.replace(/^http:\/\/localhost:\d+/, server.url);
  return { id: body.id, token: body.url.split('/join/')[1]!, captionUrl };
}

beforeEach(async () => {
  server = await startTestServer();
  sessionId = (await server.createSession()).id;
  errors = [];
  restoreLogs = captureLogs((record) => {
    if (record.level >= ERROR_LEVEL) errors.push(record.msg ?? '');
  });
});
afterEach(async () => {
  restoreLogs();
  await server.stop();
});

const post = (who: Captioner, seq: number, text: string, lang = 'en-US') =>
  fetch(`${who.captionUrl}&seq=${seq}&lang=${lang}`, { method: 'POST', body: text });

const stored = async () =>
  (
    await server.db
      .selectFrom('caption_lines')
      .select(['seq', 'lang', 'text'])
      .where('session_id', '=', sessionId)
      .orderBy('seq')
      .execute()
  ).map((l) => `${l.seq} ${l.lang} ${l.text}`);

const pens = (state: RoomState) => state.captionPens ?? {};

describe('the pen of a caption track (A26-A29)', () => {
  it('A26 the first to write takes the pen; the other is refused at the console and with 409 at the ingest, storing nothing', async () => {
    const [ana, ben] = [await captionerLink('Ana'), await captionerLink('Ben')];
    const viewer = await joinAs(server, sessionId, 'attendee', 'Val');
    const seen: CaptionLine[] = [];
    viewer.socket.on('caption:line', (line) => seen.push(line));
    const penMoved = stateWhere(viewer.socket, (s) => pens(s)['en-US'] === ana.id);
    expect((await post(ana, 1, 'Ana writes ')).status).toBe(200);
    await penMoved;

    const refused = await post(ben, 1, 'Ben interrupts\n');
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/Another captioner holds the pen.*Take over/);
    const benConsole = await joinAs(server, sessionId, 'captioner', 'Ben', ben);
    expect(await ask(benConsole.socket, 'caption:update', { text: 'Ben types' })).toMatchObject({
      ok: false,
      reason: 'pen-held',
    });
    expect(await ask(benConsole.socket, 'caption:commit', {})).toMatchObject({
      ok: false,
      reason: 'pen-held',
    });
    // Ben's refused seq was not taken: once he holds the pen, his software's seq 1 is new.
    expect(await (await fetch(ben.captionUrl.replace('?', '/seq?'))).text()).toBe('0');

    expect((await post(ana, 2, 'and commits.\n')).status).toBe(200);
    expect(await stored()).toEqual(['1 en-US Ana writes and commits.']);
    await expect.poll(() => seen.map((l) => l.text)).toEqual(['Ana writes and commits.']);
    // Another track has a pen of its own: Ben writes Spanish while Ana writes English.
    expect((await post(ben, 1, 'Ben escribe.\n', 'es-US')).status).toBe(200);
    expect(await stored()).toEqual(['1 en-US Ana writes and commits.', '2 es-US Ben escribe.']);
    expect(errors).toEqual([]);
  });

  it('A27 A29 "Take over" commits the previous writer’s line in progress first, then moves the pen; the room hears it', async () => {
    const [ana, ben] = [await captionerLink('Ana'), await captionerLink('Ben')];
    const anaConsole = await joinAs(server, sessionId, 'captioner', 'Ana', ana);
    const benConsole = await joinAs(server, sessionId, 'captioner', 'Ben', ben);
    expect(
      await ask(anaConsole.socket, 'caption:update', { text: 'Half a sentence', line: 'ana-line-1' }),
    ).toEqual({
      ok: true,
    });
    const handedOver = stateWhere(anaConsole.socket, (s) => pens(s)['en-US'] === ben.id);
    expect(await ask(benConsole.socket, 'caption:take-pen', {})).toEqual({ ok: true });
    expect(pens(await handedOver)).toEqual({ 'en-US': ben.id });
    expect(await stored()).toEqual(['1 en-US Half a sentence']);
    expect(await server.db.selectFrom('caption_tracks').selectAll().execute()).toEqual([]);

    // Ana's page had not caught up: her next keystroke, her Enter and her software are refused.
    expect(
      await ask(anaConsole.socket, 'caption:update', { text: 'Half a sentence more', line: 'ana-line-1' }),
    ).toMatchObject({ ok: false, reason: 'pen-held' });
    expect(await ask(anaConsole.socket, 'caption:commit', { line: 'ana-line-1' })).toMatchObject({
      reason: 'pen-held',
    });
    expect((await post(ana, 1, 'from her software\n')).status).toBe(409);
    await ask(benConsole.socket, 'caption:update', { text: 'Ben goes on.', line: 'ben-line-1' });
    await ask(benConsole.socket, 'caption:commit', { line: 'ben-line-1' });
    expect(await stored()).toEqual(['1 en-US Half a sentence', '2 en-US Ben goes on.']);
    // Taking a pen one holds changes nothing; Ana can take it back.
    expect(await ask(benConsole.socket, 'caption:take-pen', {})).toEqual({ ok: true });
    expect(await ask(anaConsole.socket, 'caption:take-pen', { lang: 'en-US' })).toEqual({ ok: true });
    expect((await post(ana, 1, 'Ana again.\n')).status).toBe(200);
    expect(errors).toEqual([]);
  });

  it('A27 others may not take the pen; a bad language tag is refused', async () => {
    const mod = await joinAs(server, sessionId, 'moderator', 'Mo');
    expect(await ask(mod.socket, 'caption:take-pen', {})).toMatchObject({
      ok: false,
      reason: 'forbidden',
      message: 'Only captioners write captions.',
    });
    const cora = await joinAs(server, sessionId, 'captioner', 'Cora');
    expect(await ask(cora.socket, 'caption:take-pen', { lang: 'not a tag' })).toMatchObject({
      reason: 'invalid-payload',
    });
  });

  it('A29 the pen survives a restart', async () => {
    const [ana, ben] = [await captionerLink('Ana'), await captionerLink('Ben')];
    expect((await post(ana, 1, 'before the restart\n')).status).toBe(200);
    const { dataDir, clock } = server;
    await server.stop({ keepData: true });
    server = await startTestServer({ dataDir, now: clock.now });
    ana.captionUrl = ana.captionUrl.replace(/^http:\/\/127\.0\.0\.1:\d+/, server.url);
    ben.captionUrl = ben.captionUrl.replace(/^http:\/\/127\.0\.0\.1:\d+/, server.url);
    expect((await post(ben, 1, 'after\n')).status).toBe(409);
    expect((await post(ana, 2, 'after the restart\n')).status).toBe(200);
    const viewer = await joinAs(server, sessionId, 'attendee', 'Val');
    expect(pens(viewer.result.state)).toEqual({ 'en-US': ana.id });
  });
});
