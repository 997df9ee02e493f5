import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  moderationList,
  openPeriod,
  postComment,
  setCommentSettings,
  storedFiles,
  webmBytes,
} from '../support/comments.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { mp4File, webmFile } from '../support/videoFiles.js';

// W15 through the real server: the length of a video comment is read from the file as stored, held
// to the organizer's limit, and stored; what the commenter says of it is not a field of the API.

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ now: new Date('2030-05-01T12:00:00Z') });
});
afterEach(async () => {
  await server.stop();
});

const fields = { name: 'Dee', email: 'dee@example.org', summary: 'On scheduling.' };
const video = (bytes: Buffer, name = 'me.webm') => [{ field: 'video', name, bytes }];

async function sessionTaking(videoMaxSeconds: number) {
  const { id } = await server.createSession({}, 'scheduled');
  await setCommentSettings(server, id, openPeriod(server, { videoMaxSeconds }));
  return id;
}

/** A refusal of the video: its status and words, named on the video field, and nothing stored. */
async function expectRefused(res: Response, id: string, status: number, message: RegExp) {
  const body = (await res.json()) as { message: string; issues?: { path: string }[] };
  expect({ status: res.status, message: body.message, on: body.issues?.map((i) => i.path) }).toEqual({
    status,
    message: expect.stringMatching(message) as string,
    on: ['video'],
  });
  expect((await moderationList(server, id)).comments).toEqual([]);
  expect(storedFiles(server)).toEqual([]);
}

describe('W15 the server measures a video comment’s length', () => {
  it('stores the measured length of WebM and MP4, as browsers and a whole file write them', async () => {
    const id = await sessionTaking(20);
    const sent = [
      video(webmFile({ seconds: 12 })),
      video(webmFile({ seconds: 4, infoSeconds: 4, unknownSizes: false }), 'known.webm'),
      video(mp4File({ seconds: 20, fragmented: true, mvhdSeconds: 0 }), 'frag.mp4'),
      video(mp4File({ seconds: 7 }), 'whole.mp4'),
      video(readFileSync('tests/fixtures/chromium-1s.webm'), 'chromium.webm'),
      video(readFileSync('tests/fixtures/chromium-1s.mp4'), 'chromium.mp4'),
    ];
    for (const [i, files] of sent.entries()) {
      const res = await postComment(server, id, 'video', { ...fields, email: `dee${i}@example.org` }, files);
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const stored = (await moderationList(server, id)).comments;
    expect(stored.map((c) => [c.files[0]!.name, c.durationSeconds])).toEqual([
      ['me.webm', 12],
      ['known.webm', 4],
      ['frag.mp4', 20],
      ['whole.mp4', 7],
      ['chromium.webm', 1],
      ['chromium.mp4', 1],
    ]);
  });

  it('refuses a video longer than the limit, whatever its header or the commenter says', async () => {
    const id = await sessionTaking(10);
    await expectRefused(
      await postComment(server, id, 'video', fields, video(webmBytes(64, 12))),
      id,
      400,
      /^The video is 12 seconds long; this session takes videos of at most 10 seconds\.$/,
    );
    // A header that says 2 s over 50 s of samples: the samples decide.
    await expectRefused(
      await postComment(
        server,
        id,
        'video',
        fields,
        video(mp4File({ seconds: 50, mvhdSeconds: 2 }), 'x.mp4'),
      ),
      id,
      400,
      /is 50 seconds long/,
    );
    // Frames of 5 s under an Info Duration of 2 minutes: the longer counts.
    await expectRefused(
      await postComment(server, id, 'video', fields, video(webmFile({ seconds: 5, infoSeconds: 125 }))),
      id,
      400,
      /is 2 minutes 5 seconds long/,
    );
    // What the commenter says of it is not a field of the API, even a length within the limit.
    const said = await postComment(
      server,
      id,
      'video',
      { ...fields, durationSeconds: '8' },
      video(webmBytes(64, 8)),
    );
    const body = (await said.json()) as { message: string };
    expect([said.status, body.message]).toEqual([400, expect.stringMatching(/durationSeconds/)]);
    expect(storedFiles(server)).toEqual([]);
    expect((await moderationList(server, id)).comments).toEqual([]);
  });

  it('takes a recording that ends a frame past the limit: the length is held to it to the second', async () => {
    const id = await sessionTaking(10);
    const res = await postComment(server, id, 'video', fields, video(webmFile({ seconds: 10.3 })));
    expect(res.status).toBe(201);
    expect((await moderationList(server, id)).comments.map((c) => c.durationSeconds)).toEqual([10]);
  });

  it('refuses, in words, a video whose length cannot be read, and stores nothing', async () => {
    const id = await sessionTaking(30);
    const unreadable = [
      webmBytes(64, 5).subarray(0, -3), // cut short inside its last frame
      webmFile({ seconds: 0 }), // no frame and no Duration
      mp4File({ seconds: 5, fragmented: true, mvhdSeconds: 0 }).subarray(0, 200), // cut inside its movie
    ];
    for (const bytes of unreadable) {
      const name = bytes[4] === 0x66 ? 'me.mp4' : 'me.webm';
      await expectRefused(
        await postComment(server, id, 'video', fields, video(bytes, name)),
        id,
        415,
        /^We could not read how long this video is\./,
      );
    }
  });
});
