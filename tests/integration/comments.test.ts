import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModeratedComment, PublicCommentSettings } from '../../shared/comments.js';
import {
  elfBytes,
  exeBytes,
  moderationList,
  mp4Bytes,
  openPeriod,
  pdfBytes,
  pngBytes,
  postComment,
  setCommentSettings,
  storedFiles,
  webmBytes,
  writtenFields,
} from '../support/comments.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ now: new Date('2030-05-01T12:00:00Z') });
});
afterEach(async () => {
  await server.stop();
});

const settingsOf = async (id: string) =>
  (await (
    await server.api('GET', `/api/public/sessions/${id}/comments`, undefined, null)
  ).json()) as PublicCommentSettings;

/** A refusal: its status, its message, and that nothing of it was stored (no comment, no file). */
async function expectRefused(res: Response, sessionId: string, status: number, message: RegExp) {
  const body = (await res.json()) as { message: string };
  expect({ status: res.status, message: body.message }).toEqual({
    status,
    message: expect.stringMatching(message) as string,
  });
  expect((await moderationList(server, sessionId)).comments).toEqual([]);
  expect(storedFiles(server)).toEqual([]);
}

describe('W1 A32 the comment period: comments only inside it', () => {
  it('refuses before it opens and after it closes, takes them while open, and says where it stands', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    await expectRefused(
      await postComment(server, id, 'written', writtenFields()),
      id,
      409,
      /no comment period/,
    );
    expect(await settingsOf(id)).toMatchObject({ period: 'none', opensAt: null, takesComments: true });

    await setCommentSettings(server, id, {
      opensAt: '2030-05-02T09:00:00-04:00',
      closesAt: '2030-05-09T17:00:00-04:00',
    });
    expect(await settingsOf(id)).toMatchObject({
      period: 'before',
      opensAt: '2030-05-02T13:00:00.000Z',
      closesAt: '2030-05-09T21:00:00.000Z',
      now: '2030-05-01T12:00:00.000Z',
    });
    await expectRefused(await postComment(server, id, 'written', writtenFields()), id, 409, /not opened yet/);

    server.clock.now = new Date('2030-05-02T13:00:00Z');
    expect((await settingsOf(id)).period).toBe('open');
    const taken = await postComment(server, id, 'written', writtenFields());
    expect(taken.status).toBe(201);
    expect(await taken.json()).toEqual({ number: 1, message: expect.stringMatching(/received/) as string });

    server.clock.now = new Date('2030-05-09T21:00:00Z');
    expect((await settingsOf(id)).period).toBe('after');
    const late = await postComment(server, id, 'written', writtenFields({ name: 'Late Larry' }));
    expect(late.status).toBe(409);
    expect(((await late.json()) as { message: string }).message).toMatch(/has closed/);
    expect((await moderationList(server, id)).comments.map((c) => c.name)).toEqual(['Rosa Diaz']);
  });

  it('refuses a session that takes no public comments, or was cancelled, whatever its period', async () => {
    const quiet = await server.createSession({ publicComments: false }, 'scheduled');
    await setCommentSettings(server, quiet.id, openPeriod(server));
    expect((await settingsOf(quiet.id)).takesComments).toBe(false);
    await expectRefused(
      await postComment(server, quiet.id, 'written', writtenFields()),
      quiet.id,
      409,
      /does not take comments/,
    );

    const gone = await server.createSession({}, 'scheduled');
    await setCommentSettings(server, gone.id, openPeriod(server));
    expect((await server.api('POST', `/api/sessions/${gone.id}/lifecycle/cancel`, {})).status).toBe(200);
    await expectRefused(
      await postComment(server, gone.id, 'written', writtenFields()),
      gone.id,
      409,
      /cancelled/,
    );
  });
});

describe('W2-W4 a written comment: who, on what, held to the word limit', () => {
  it('W4 takes exactly the word limit and refuses one word more, naming the limit', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    await setCommentSettings(server, id, openPeriod(server, { wordLimit: 50 }));
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    await expectRefused(
      await postComment(server, id, 'written', writtenFields({ text: words(51) })),
      id,
      400,
      /Comment must be at most 50 words/,
    );
    expect((await postComment(server, id, 'written', writtenFields({ text: words(50) }))).status).toBe(201);
    // Words in a script without spaces are counted as words too, not as one.
    const japanese = '私たちの仕事は人工知能によって大きく変わりました。'.repeat(6);
    const refused = await postComment(
      server,
      id,
      'written',
      writtenFields({ text: japanese, email: 'k@example.org' }),
    );
    expect([refused.status, ((await refused.json()) as { message: string }).message]).toEqual([
      400,
      'text: Comment must be at most 50 words.',
    ]);
  });

  it('W2 the topic comes from the session: one of its topics, or its focus', async () => {
    const { id } = await server.createSession({ focus: 'AI at work' }, 'scheduled');
    await setCommentSettings(server, id, openPeriod(server));
    expect((await settingsOf(id)).topics).toEqual(['AI at work']);
    const off = await postComment(server, id, 'written', writtenFields({ topic: 'Parking' }));
    expect(off.status).toBe(400);
    expect(((await off.json()) as { message: string }).message).toMatch(/topic: Choose one of the topics/);
    await setCommentSettings(server, id, openPeriod(server, { topics: ['Hiring', 'Scheduling'] }));
    expect((await postComment(server, id, 'written', writtenFields({ topic: 'Scheduling' }))).status).toBe(
      201,
    );
    expect((await moderationList(server, id)).comments.map((c) => c.topic)).toEqual(['Scheduling']);
  });

  it('W3 anonymous only where the organizer allows it; a name otherwise; the email always', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    await setCommentSettings(server, id, openPeriod(server));
    await expectRefused(
      await postComment(server, id, 'written', writtenFields({ name: '', anonymous: 'true' })),
      id,
      400,
      /does not take anonymous comments/,
    );
    await expectRefused(
      await postComment(server, id, 'written', writtenFields({ name: '' })),
      id,
      400,
      /Name is required/,
    );
    await expectRefused(
      await postComment(server, id, 'written', writtenFields({ email: 'not an address' })),
      id,
      400,
      /email: Enter an email address/,
    );
    await setCommentSettings(server, id, openPeriod(server, { anonymousAllowed: true }));
    const anonymous = await postComment(server, id, 'written', writtenFields({ name: '', anonymous: 'on' }));
    expect(anonymous.status).toBe(201);
    const [stored] = (await moderationList(server, id)).comments as [ModeratedComment];
    expect(stored).toMatchObject({ anonymous: true, name: '', email: 'rosa@example.org', status: 'pending' });
  });

  it('refuses what is not a multipart form, fields it does not know, and a form cut short', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    await setCommentSettings(server, id, openPeriod(server));
    const json = await server.api(
      'POST',
      `/api/public/sessions/${id}/comments/written`,
      writtenFields(),
      null,
    );
    await expectRefused(json, id, 415, /multipart\/form-data/);
    await expectRefused(
      await postComment(server, id, 'written', writtenFields({ role: 'moderator' })),
      id,
      400,
      /Unrecognized key/i,
    );
    const cut = await fetch(`${server.url}/api/public/sessions/${id}/comments/written`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
      body: '--XYZ\r\nContent-Disposition: form-data; name="text"\r\n\r\nhalf a comm',
    });
    await expectRefused(cut, id, 400, /not well-formed multipart/);
  });
});

describe('W5 W6 files are what their bytes say, and no larger than allowed', () => {
  it('W5 a renamed program is refused with 415 and nothing is stored, not even the good file beside it', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    await setCommentSettings(server, id, openPeriod(server));
    const good = { field: 'attachments', name: 'brief.pdf', type: 'application/pdf', bytes: pdfBytes() };
    for (const [name, bytes] of [
      ['report.pdf', elfBytes()],
      ['photo.png', exeBytes()],
      ['notes.txt', Buffer.from('plain text, then a NUL\u0000 byte')],
      ['latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b])],
    ] as const) {
      const res = await postComment(server, id, 'written', writtenFields(), [
        good,
        { field: 'attachments', name, type: 'application/pdf', bytes },
      ]);
      await expectRefused(res, id, 415, new RegExp(`"${name.replace('.', '\\.')}"`));
    }
  });

  it('W5 keeps what each file really is, whatever its name claims, and its own name with the right extension', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    await setCommentSettings(server, id, openPeriod(server));
    const res = await postComment(server, id, 'written', writtenFields(), [
      { field: 'attachments', name: 'notes.txt', type: 'text/plain', bytes: pdfBytes() },
      { field: 'attachments', name: 'C:\\Users\\rosa\\chart', bytes: pngBytes() },
      {
        field: 'attachments',
        name: 'letter.pdf',
        type: 'application/pdf',
        bytes: Buffer.from('Dear board,\n\tthank you.\n'),
      },
    ]);
    expect(res.status).toBe(201);
    const [comment] = (await moderationList(server, id)).comments as [ModeratedComment];
    expect(comment.files.map((f) => [f.name, f.type, f.size])).toEqual([
      ['notes.pdf', 'application/pdf', pdfBytes().length],
      ['chart.png', 'image/png', pngBytes().length],
      ['letter.txt', 'text/plain', 24],
    ]);
    expect(storedFiles(server)).toHaveLength(3);
  });

  it('W5 refuses an attachment over 10 MB with 413, and a sixth attachment, storing nothing', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    await setCommentSettings(server, id, openPeriod(server));
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(10 * 1024 * 1024)]);
    await expectRefused(
      await postComment(server, id, 'written', writtenFields(), [
        { field: 'attachments', name: 'big.pdf', bytes: big },
      ]),
      id,
      413,
      /larger than 10 MB/,
    );
    const six = Array.from({ length: 6 }, (_, i) => ({
      field: 'attachments',
      name: `p${i}.pdf`,
      bytes: pdfBytes(),
    }));
    await expectRefused(
      await postComment(server, id, 'written', writtenFields(), six),
      id,
      400,
      /Too many files/,
    );
  });

  it('W6 a video comment: WebM or MP4 by content, held to the size its length limit allows, captions as WebVTT', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    await setCommentSettings(server, id, openPeriod(server, { videoMaxSeconds: 10 }));
    const fields = { name: 'Dee', email: 'dee@example.org', summary: 'On scheduling.', signed: 'true' };
    await expectRefused(await postComment(server, id, 'video', fields), id, 400, /Attach the video/);
    await expectRefused(
      await postComment(server, id, 'video', fields, [
        { field: 'video', name: 'me.webm', type: 'video/webm', bytes: pdfBytes() },
      ]),
      id,
      415,
      /application\/pdf.*WebM or MP4/,
    );
    // 10 s at most: 10 x 625 kB + 1 MiB.
    await expectRefused(
      await postComment(server, id, 'video', fields, [
        { field: 'video', name: 'me.webm', bytes: webmBytes(7_400_000) },
      ]),
      id,
      413,
      /larger than/,
    );
    await expectRefused(
      await postComment(server, id, 'video', fields, [
        { field: 'video', name: 'me.webm', bytes: webmBytes() },
        { field: 'captions', name: 'me.vtt', bytes: Buffer.from('1\n00:00:00,000 --> 00:00:01,000\nHi\n') },
      ]),
      id,
      415,
      /WebVTT/,
    );
    const webm = await postComment(server, id, 'video', fields, [
      { field: 'video', name: 'me.webm', bytes: webmBytes(6_000_000, 9) },
      {
        field: 'captions',
        name: 'me.vtt',
        bytes: Buffer.from('WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n'),
      },
    ]);
    expect(webm.status).toBe(201);
    const mp4 = await postComment(
      server,
      id,
      'video',
      { ...fields, email: 'e@example.org', signed: 'false' },
      [{ field: 'video', name: 'upload.mov', bytes: mp4Bytes(64, 4) }],
    );
    expect(mp4.status).toBe(201);
    const stored = (await moderationList(server, id)).comments;
    expect(stored.map((c) => [c.kind, c.signed, c.durationSeconds, c.text])).toEqual([
      ['video', true, 9, 'On scheduling.'],
      ['video', false, 4, 'On scheduling.'],
    ]);
    expect(stored.map((c) => c.files.map((f) => `${f.role} ${f.name} ${f.type}`))).toEqual([
      ['video me.webm video/webm', 'captions me.vtt text/vtt'],
      ['video upload.mp4 video/mp4'],
    ]);
  });
});

describe('W11 at most 20 comments a minute from one address', () => {
  it('takes 20, refuses the 21st with 429, and does not count refused ones', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    await setCommentSettings(server, id, openPeriod(server));
    const from = '198.51.100.7';
    // Refused forms first: a hall correcting its mistakes must not use up its comments.
    for (let i = 0; i < 5; i++) {
      expect(
        (await postComment(server, id, 'written', writtenFields({ email: 'bad' }), [], from)).status,
      ).toBe(400);
    }
    for (let i = 0; i < 20; i++) {
      const res = await postComment(
        server,
        id,
        'written',
        writtenFields({ email: `p${i}@example.org` }),
        [],
        from,
      );
      expect(res.status).toBe(201);
    }
    const over = await postComment(
      server,
      id,
      'written',
      writtenFields({ email: 'p21@example.org' }),
      [],
      from,
    );
    expect(over.status).toBe(429);
    expect(((await over.json()) as { message: string }).message).toMatch(/Too many comments/);
    // Another address is not held back by this one.
    expect((await postComment(server, id, 'written', writtenFields(), [], '198.51.100.8')).status).toBe(201);
    expect((await moderationList(server, id)).comments).toHaveLength(21);
  });
});
