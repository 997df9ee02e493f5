import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseSync } from 'subtitle';
import { WebVTTParser } from 'webvtt-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ask, joinAs, ORGANIZER_TOKEN, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let sessionId: string;
let viewerToken: string;
const START = Date.parse('2026-11-23T15:00:00Z');
// The parser's full HTML entity table, as a browser has it.
const ENTITIES = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('webvtt-parser/html-entities.json'), 'utf8'),
) as Record<string, string>;

beforeEach(async () => {
  server = await startTestServer({ now: new Date(START) });
  sessionId = (await server.createSession()).id;
  const cora = await joinAs(server, sessionId, 'captioner', 'Cora');
  const write = async (atSeconds: number, text: string, speaker: string) => {
    server.clock.now = new Date(START + atSeconds * 1000);
    await ask(cora.socket, 'caption:update', { text, speaker });
  };
  const commit = async (atSeconds: number) => {
    server.clock.now = new Date(START + atSeconds * 1000);
    await ask(cora.socket, 'caption:commit', {});
  };
  await write(2, 'Welcome to the session.', 'Morgan Lee');
  await commit(4.5);
  await write(65, 'AI changed <my> job & pay --> a lot', 'Sam Patel');
  await commit(70);
  viewerToken = (await server.invite(sessionId, 'attendee', 'Alex')).token;
});
afterEach(async () => {
  await server.stop();
});

const download = (format: string, token: string | null = viewerToken) =>
  fetch(`${server.url}/api/transcripts/${sessionId}?format=${format}${token ? `&token=${token}` : ''}`);

describe('transcript downloads', () => {
  it('WebVTT with voices, timed from the session start, accepted by the W3C reference parser', async () => {
    const res = await download('vtt');
    expect(res.headers.get('content-type')).toMatch(/^text\/vtt/);
    const { cues, errors } = new WebVTTParser(ENTITIES).parse(await res.text(), 'metadata');
    expect(errors).toEqual([]);
    expect(cues.map((c) => [c.startTime, c.endTime])).toEqual([
      [2, 4.5],
      [65, 70],
    ]);
    const voice = cues[1]!.tree.children[0]!;
    expect(voice).toMatchObject({ type: 'object', name: 'v', value: 'Sam Patel' });
    expect(voice.children?.[0]?.value).toBe('AI changed <my> job & pay -> a lot');
  });

  it('SRT accepted by a standard parser', async () => {
    const nodes = parseSync(await (await download('srt')).text()).filter((n) => n.type === 'cue');
    expect(nodes.map((n) => n.data)).toMatchObject([
      { start: 2000, end: 4500, text: 'Morgan Lee: Welcome to the session.' },
      { start: 65000, end: 70000 },
    ]);
  });

  it('plain text with times and speakers', async () => {
    expect(await (await download('txt')).text()).toBe(
      '[00:00:02] Morgan Lee: Welcome to the session.\n[00:01:05] Sam Patel: AI changed <my> job & pay -> a lot\n',
    );
  });

  it('needs a link of this session or the organizer token', async () => {
    expect((await download('txt', null)).status).toBe(403);
    expect((await download('txt', 'forged')).status).toBe(403);
    const res = await fetch(`${server.url}/api/transcripts/${sessionId}?format=vtt`, {
      headers: { authorization: `Bearer ${ORGANIZER_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect((await download('docx')).status).toBe(400);
  });
});
