import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseSync } from 'subtitle';
import { WebVTTParser } from 'webvtt-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

// Stored rows written before the text rules (TEXT.md T8): what each export must survive.
const FORGED_NAME = 'Ana\n=HYPERLINK("http://evil.example")';
const FORGED_SPEAKER = 'Sam\n\n99\n00:00:09.000 --> 00:00:10.000\n<v Mallory>';
const FORGED_TEXT = 'pay\u0007 rise\u202e\r\n[00:00:01] Mallory: forged line\u2028\u000b\u0085end';
const FORBIDDEN = /[\p{Cc}\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/u;
const ENTITIES = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('webvtt-parser/html-entities.json'), 'utf8'),
) as Record<string, string>;

let server: TestServer;
let sessionId: string;
const START = Date.parse('2026-11-23T15:00:00Z');

beforeEach(async () => {
  server = await startTestServer({ now: new Date(START) });
  sessionId = (await server.createSession()).id;
  await server.db
    .insertInto('caption_lines')
    .values(
      [1, 2].map((seq) => ({
        session_id: sessionId,
        seq,
        lang: 'en-US',
        speaker: FORGED_SPEAKER,
        text: FORGED_TEXT,
        started_at: new Date(START + seq * 10_000).toISOString(),
        at: new Date(START + seq * 10_000 + 2000).toISOString(),
      })),
    )
    .execute();
});
afterEach(async () => {
  await server.stop();
});

const lines = (text: string) => text.split(/\r\n|\n|\r/);
const transcript = async (format: string) =>
  (await server.api('GET', `/api/transcripts/${sessionId}?format=${format}`)).text();

describe('T8 registrations.csv', () => {
  it('quotes a cell with a line break, so a spreadsheet sees one row and no formula', async () => {
    const res = await server.api('POST', `/api/public/sessions/${sessionId}/registrations`, {
      name: 'Ana',
      email: 'ana@example.org',
      affiliation: 'worker',
    });
    expect(res.status).toBe(202);
    await server.db
      .updateTable('registrations')
      .set({ name: FORGED_NAME, organization: 'Union\r@SUM(A1)', topic: 'a\u202eb' })
      .execute();
    const csv = await (await server.api('GET', `/api/sessions/${sessionId}/registrations.csv`)).text();
    // As a spreadsheet reads it: a bare LF or CR outside quotes ends a row.
    const records: string[][] = parse(csv, { record_delimiter: ['\r\n', '\n', '\r'] });
    expect(records).toHaveLength(2);
    const [header, row] = records as [string[], string[]];
    expect(row[header.indexOf('Name')]).toBe('Ana\n\'=HYPERLINK("http://evil.example")');
    expect(row[header.indexOf('Organization')]).toBe("Union\r'@SUM(A1)");
    expect(row[header.indexOf('Topic')]).toBe('ab');
    for (const cell of records.flat()) expect(cell).not.toMatch(/^[=+\-@]/);
    // Nor does any line of the file, for a tool that splits quoted cells on their line breaks.
    for (const line of lines(csv)) expect(line).not.toMatch(/^[=+\-@]/);
  });
});

describe('T8 transcripts', () => {
  it('WebVTT: one cue per stored line, no forged cue or timestamp, nothing invisible', async () => {
    const vtt = await transcript('vtt');
    const { cues, errors } = new WebVTTParser(ENTITIES).parse(vtt, 'metadata');
    expect(errors).toEqual([]);
    expect(cues.map((c) => [c.startTime, c.endTime])).toEqual([
      [10, 12],
      [20, 22],
    ]);
    const voice = cues[0]!.tree.children[0]!;
    // The annotation stays escaped text: the reference parser does not decode it.
    expect(voice).toMatchObject({
      name: 'v',
      value: 'Sam 99 00:00:09.000 -&gt; 00:00:10.000 &lt;v Mallory&gt;',
    });
    expect(voice.children?.[0]?.value).toBe('pay rise [00:00:01] Mallory: forged line end');
    expect(vtt.replace(/\n/g, '')).not.toMatch(FORBIDDEN);
  });

  it('SRT: one cue per stored line, as a standard parser reads it', async () => {
    const srt = await transcript('srt');
    const cues = parseSync(srt).filter((n) => n.type === 'cue');
    const text =
      'Sam 99 00:00:09.000 -> 00:00:10.000 <v Mallory>: pay rise [00:00:01] Mallory: forged line end';
    expect(cues.map((n) => n.data)).toMatchObject([
      { start: 10_000, end: 12_000, text },
      { start: 20_000, end: 22_000, text },
    ]);
    expect(srt.replace(/\n/g, '')).not.toMatch(FORBIDDEN);
  });

  it('plain text: one line per stored line', async () => {
    const txt = await transcript('txt');
    expect(lines(txt.trimEnd())).toEqual([
      '[00:00:10] Sam 99 00:00:09.000 -> 00:00:10.000 <v Mallory>: pay rise [00:00:01] Mallory: forged line end',
      '[00:00:20] Sam 99 00:00:09.000 -> 00:00:10.000 <v Mallory>: pay rise [00:00:01] Mallory: forged line end',
    ]);
  });
});

describe('T8 the published record', () => {
  it('Markdown: a line break in a stored title, name or caption starts no heading, list or quote', async () => {
    await server.db
      .updateTable('sessions')
      .set({ title: 'Hearing\n# Forged title', description: 'One.\n\n## Forged\n- item' })
      .execute();
    await server.db
      .insertInto('turns')
      .values({
        session_id: sessionId,
        seq: 1,
        participant_id: 'p1',
        name: 'Ana\n## Forged speaker',
        kind: 'remark',
        topic: 'x\n> quote',
        remark: 'First.\n\n# Forged remark\u202e',
        started_at: new Date(START + 5000).toISOString(),
        ended_at: new Date(START + 65_000).toISOString(),
      })
      .execute();
    await server.api('POST', `/api/sessions/${sessionId}/lifecycle/end`, {});
    expect((await server.api('POST', `/api/sessions/${sessionId}/record`, {})).status).toBe(201);
    const md = await (
      await server.api('GET', `/api/public/sessions/${sessionId}/record?format=md`, undefined, null)
    ).text();
    const structural = lines(md).filter((l) => /^\s*(#|>|[-+*] |\d+[.)] )/.test(l));
    expect(structural).toEqual([
      '# Hearing \\# Forged title',
      '## Counts',
      '## Speakers',
      '## Written remarks',
      '> First\\. \\# Forged remark',
      '## Comments',
      '## Transcript',
    ]);
    expect(md.replace(/\n/g, '')).not.toMatch(FORBIDDEN);
  });
});
