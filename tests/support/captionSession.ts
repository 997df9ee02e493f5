import { afterEach, beforeEach } from 'vitest';
import type { CaptionLine } from '../../shared/captions.js';
import { joinAs, startTestServer, type TestServer } from './server.js';

// One live session with a captioner invited, fresh for each test (the caption tests share it).
// The bindings below are live: a test that imports them sees the server `restart` made.
export let server: TestServer;
export let sessionId: string;
export let captionUrl: string;
export let captioner: { id: string; token: string };

/** Starts the session's server before each test of the file that calls it, and stops it after. */
export function useCaptionSession() {
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
}

/** POSTs as Zoom-compatible captioning software does. */
export const post = (seq: number | null, text: string, extra = '', url = captionUrl) =>
  fetch(`${url}${seq === null ? '' : `&seq=${seq}`}${extra}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: text,
  });

/** An attendee's socket, with the committed lines it has heard. */
export async function viewer() {
  const joined = await joinAs(server, sessionId, 'attendee', 'Viewer');
  const lines: CaptionLine[] = [];
  joined.socket.on('caption:line', (line) => lines.push(line));
  return { ...joined, lines };
}

/** What the store holds for the session: the transcript's lines and the lines in progress. */
export async function stored() {
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
export const transcript = async () =>
  (await server.api('GET', `/api/transcripts/${sessionId}?format=txt`)).text();

/** A stop, then a brand-new app over the same database file: nothing held in memory survives. */
export async function restart() {
  const { dataDir, clock } = server;
  await server.stop({ keepData: true });
  server = await startTestServer({ dataDir, now: clock.now, timerTickMs: 20 });
  captionUrl = captionUrl.replace(/^http:\/\/127\.0\.0\.1:\d+/, server.url);
}
