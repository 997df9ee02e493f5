// What a captioner's software was told it delivered (a 200 to a Zoom-compatible caption POST) is in
// the transcript after the server stops, whether it stopped on SIGTERM or was killed outright.
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPTION_IDLE_COMMIT_MS } from '../../shared/captions.js';
import { freePort, NO_MEDIA, startAppProcess, type AppProcess } from '../support/appProcess.js';

/** Below the ingest's 20 POSTs a second per link, as CART software posts a word or a line at a time. */
const POST_EVERY_MS = 60;

let app: AppProcess | undefined;
const stopApp = async () => {
  await app?.stop();
  app = undefined;
};

async function startNode(port: number, dataDir?: string): Promise<AppProcess> {
  return startAppProcess(port, { command: 'node', env: NO_MEDIA, ...(dataDir ? { dataDir } : {}) });
}

/** A live session and its captioner's caption URL (?token=...), which takes &seq=N. */
async function liveCaptioner(target: AppProcess) {
  const session = await target.createSession('CART');
  const link = await target.invite(session.id, 'captioner', 'Cora');
  return { sessionId: session.id, captionUrl: link.captionUrl! };
}

/** POSTs as Zoom-compatible captioning software does; a refused connection rejects. */
const post = (captionUrl: string, seq: number, text: string) =>
  fetch(`${captionUrl}&seq=${seq}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: text,
  });

/** The transcript's lines (txt: "[hh:mm:ss] Speaker: text"), as the organizer downloads it. */
async function transcript(target: AppProcess, sessionId: string): Promise<string[]> {
  const res = await fetch(`${target.url}/api/transcripts/${sessionId}?format=txt`, {
    headers: { authorization: `Bearer ${target.organizerToken}` },
  });
  if (!res.ok) throw new Error(`GET transcript: ${res.status} ${await res.text()}`);
  return (await res.text())
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace(/^\[[\d:]+\] [^:]*: /, ''));
}

/**
 * Posts "line 1\n", "line 2\n"... (from `firstSeq`) one at a time until the server stops answering,
 * or until `until(acked)` says so. Returns the lines answered 200 and the last seq sent.
 */
async function cartStream(
  captionUrl: string,
  opts: { until?: (acked: string[]) => boolean; firstSeq?: number } = {},
) {
  const acked: string[] = [];
  let seq = (opts.firstSeq ?? 1) - 1;
  while (!opts.until?.(acked)) {
    seq += 1;
    const text = `line ${seq}`;
    const res = await post(captionUrl, seq, `${text}\n`).catch(() => null);
    if (!res) break;
    if (res.status === 200) acked.push(text);
    await sleep(POST_EVERY_MS);
  }
  return { acked, lastSeq: seq };
}

/** The acknowledged lines missing from the transcript (none, or the test fails naming them). */
const missing = (acked: string[], lines: string[]) => acked.filter((text) => !lines.includes(text));

/**
 * A caption POST whose body arrives in two parts: the server has the request under way until
 * `finish()` sends the line break. Resolves to the status it is answered.
 */
async function slowPost(captionUrl: string, seq: number, text: string) {
  const body = Buffer.from(`${text}\n`);
  const req = request(`${captionUrl}&seq=${seq}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length },
  });
  const status = new Promise<number | string>((resolve) => {
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (err) => resolve(err.message));
  });
  req.write(body.subarray(0, -1));
  await sleep(200); // the headers and the text have reached the server
  return { status, finish: () => req.end(body.subarray(-1)) };
}

describe('SIGTERM during a caption stream', () => {
  afterAll(stopApp);

  it('a POST under way is answered, and the transcript after a restart holds every line answered 200', async () => {
    const port = await freePort();
    app = await startNode(port);
    const { sessionId, captionUrl } = await liveCaptioner(app);
    const before = await cartStream(captionUrl, { until: (sofar) => sofar.length >= 10 });

    const underWay = await slowPost(captionUrl, before.lastSeq + 1, 'under way');
    app.signal('SIGTERM');
    await sleep(300);
    underWay.finish();
    expect(await underWay.status).toBe(200);
    // The server no longer accepts: the stream goes on until its next POST is refused.
    const after = await cartStream(captionUrl, { firstSeq: before.lastSeq + 2 });
    expect(await app.exited).toEqual({ code: 0, signal: null });
    const acked = [...before.acked, 'under way', ...after.acked];

    app = await startNode(port, app.dataDir);
    const lines = await transcript(app, sessionId);
    expect(missing(acked, lines)).toEqual([]);
    expect(lines.filter((l) => acked.includes(l))).toEqual(acked);
  });
});

describe('kill -9 in the middle of a CART stream', () => {
  let sessionId = '';
  let acked: string[] = [];
  const partial = 'partial words';
  afterAll(stopApp);

  beforeAll(async () => {
    const port = await freePort();
    app = await startNode(port);
    const captioner = await liveCaptioner(app);
    sessionId = captioner.sessionId;
    const stream = await cartStream(captioner.captionUrl, { until: (sofar) => sofar.length >= 10 });
    acked = stream.acked;
    // Text without a line break: the line in progress, acknowledged like any other POST.
    expect((await post(captioner.captionUrl, stream.lastSeq + 1, partial)).status).toBe(200);
    app.signal('SIGKILL');
    expect(await app.exited).toEqual({ code: null, signal: 'SIGKILL' });
    app = await startNode(port, app.dataDir);
  });

  it('every acknowledged line is in the transcript after a restart', async () => {
    const lines = await transcript(app!, sessionId);
    expect(missing(acked, lines)).toEqual([]);
  });

  // Fails until the line in progress is kept durably (branch `captions`): today it lives in memory
  // only, and a killed server loses text the captioner's software was told had arrived.
  it('acknowledged text without a line break is in the transcript after a restart', async () => {
    // The restarted server commits a line left idle after CAPTION_IDLE_COMMIT_MS: give it that and more.
    await expect
      .poll(async () => (await transcript(app!, sessionId)).join('\n'), {
        timeout: CAPTION_IDLE_COMMIT_MS * 3,
        interval: 500,
      })
      .toContain(partial);
  });
});
