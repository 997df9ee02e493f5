import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureLogs, ERROR_LEVEL } from '../../server/log.js';
import { CAPTION_IDLE_COMMIT_MS } from '../../shared/captions.js';
import { ask, joinAs } from '../support/server.js';
import {
  captioner,
  captionUrl,
  post,
  restart,
  server,
  sessionId,
  stored,
  transcript,
  useCaptionSession,
  viewer,
} from '../support/captionSession.js';

// Caption text the server has acknowledged is stored: across restarts, retries and failed writes.
useCaptionSession();

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
