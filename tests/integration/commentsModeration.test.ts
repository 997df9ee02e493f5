import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModeratedComment } from '../../shared/comments.js';
import { logCounts } from '../../server/log.js';
import { mailTo } from '../support/mail.js';
import {
  moderationList,
  openPeriod,
  pdfBytes,
  postComment,
  setCommentSettings,
  webmBytes,
  writtenFields,
} from '../support/comments.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

let smtp: TestSmtp;
let server: TestServer;
let sessionId: string;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.stop();
});
beforeEach(async () => {
  server = await startTestServer({ smtpUrl: smtp.url, now: new Date('2030-06-01T12:00:00Z') });
  ({ id: sessionId } = await server.createSession(
    { title: 'AI and work', focus: 'Scheduling' },
    'scheduled',
  ));
  await setCommentSettings(server, sessionId, openPeriod(server, { anonymousAllowed: true }));
});
afterEach(async () => {
  await server.stop();
});

/** Sends a written comment with a PDF and answers its stored view. */
async function comment(over: Record<string, string> = {}): Promise<ModeratedComment> {
  const res = await postComment(
    server,
    sessionId,
    'written',
    writtenFields({ topic: 'Scheduling', ...over }),
    [{ field: 'attachments', name: 'brief.pdf', bytes: pdfBytes() }],
  );
  expect(res.status).toBe(201);
  const { number } = (await res.json()) as { number: number };
  return (await moderationList(server, sessionId)).comments.find((c) => c.number === number)!;
}

const decide = (id: string, body: unknown, token?: string) =>
  server.api('POST', `/api/sessions/${sessionId}/comments/${id}/decision`, body, token);

describe('W7 W8 moderation: publish, reject with a reason, or mark for reading; the commenter is told', () => {
  it('publishing mails the commenter; the comment leaves the pending list with who decided and when', async () => {
    const c = await comment();
    expect((await moderationList(server, sessionId, 'pending')).counts).toEqual({ pending: 1 });
    const res = await decide(c.id, { action: 'publish' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'published',
      reason: null,
      decidedBy: 'Organizer',
      decidedAt: '2030-06-01T12:00:00.000Z',
    });
    const mail = await smtp.next(mailTo('rosa@example.org', /^Your comment is published: AI and work$/));
    expect(mail.mail.text).toContain('Hello Rosa Diaz,');
    expect(mail.mail.text).toContain('began: "Automated scheduling has cut our hours without warning."');
    expect(mail.mail.text).toMatch(new RegExp(`/records/${sessionId}`));
    expect((await moderationList(server, sessionId, 'pending')).comments).toEqual([]);
    expect((await moderationList(server, sessionId, 'published')).comments.map((x) => x.id)).toEqual([c.id]);
  });

  it('rejecting needs one of the listed reasons, and the mail says it in words', async () => {
    const c = await comment({ email: 'ben@example.org', name: 'Ben' });
    for (const body of [
      { action: 'reject' },
      { action: 'reject', reason: 'rude' },
      { action: 'publish', reason: 'spam' },
      { action: 'delete' },
      {},
    ]) {
      expect((await decide(c.id, body)).status).toBe(400);
    }
    expect((await moderationList(server, sessionId, 'pending')).comments).toHaveLength(1);
    expect((await decide(c.id, { action: 'reject', reason: 'personal-information' })).status).toBe(200);
    const mail = await smtp.next(mailTo('ben@example.org', /^Your comment was not published: AI and work$/));
    expect(mail.mail.text).toContain('The reason: Personal information (it contains personal information');
    expect(mail.mail.text).toMatch(/until \w+day, June 2, 2030 at 8:00 AM EDT/);
    expect((await moderationList(server, sessionId, 'rejected')).comments[0]).toMatchObject({
      reason: 'personal-information',
    });
  });

  it('marking for reading into the record mails the commenter; an anonymous one is greeted without a name', async () => {
    const c = await comment({ name: '', anonymous: 'true', email: 'anon@example.org' });
    expect((await decide(c.id, { action: 'read' })).status).toBe(200);
    const mail = await smtp.next(mailTo('anon@example.org', /^Your comment will be read into the record/));
    expect(mail.mail.text).toMatch(/^Hello,\n/);
  });

  it('W8 a mail server that refuses the mail does not undo the decision', async () => {
    // A mail server of its own, refusing everything, and a server that sends to it.
    const refusing = await startTestSmtp();
    refusing.refuseAll();
    const other = await startTestServer({ smtpUrl: refusing.url, now: server.clock.now });
    try {
      const { id } = await other.createSession({}, 'scheduled');
      await setCommentSettings(other, id, openPeriod(other));
      expect((await postComment(other, id, 'written', writtenFields())).status).toBe(201);
      const [c] = (await moderationList(other, id)).comments as [ModeratedComment];
      const errorsBefore = logCounts.errors;
      const res = await other.api('POST', `/api/sessions/${id}/comments/${c.id}/decision`, {
        action: 'publish',
      });
      expect(res.status).toBe(200);
      await other.app.mailSettled();
      expect((await moderationList(other, id, 'published')).comments.map((x) => x.id)).toEqual([c.id]);
      expect(refusing.messages).toEqual([]);
      // An expected failure: told at warn (with the comment's id), never at error level.
      expect(logCounts.errors).toBe(errorsBefore);
    } finally {
      await other.stop();
      await refusing.stop();
    }
  });

  it('the same decision twice is refused, a changed mind is taken and told again, another session’s comment is not found', async () => {
    const c = await comment();
    expect((await decide(c.id, { action: 'publish' })).status).toBe(200);
    const again = await decide(c.id, { action: 'publish' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { message: string }).message).toBe('This comment is already published.');
    expect((await decide(c.id, { action: 'reject', reason: 'abusive' })).status).toBe(200);
    await smtp.next(mailTo('rosa@example.org', /not published/));
    const other = await server.createSession({}, 'scheduled');
    const res = await server.api('POST', `/api/sessions/${other.id}/comments/${c.id}/decision`, {
      action: 'publish',
    });
    expect(res.status).toBe(404);
    expect((await moderationList(server, sessionId, 'rejected')).comments).toHaveLength(1);
  });

  it('A31 moderators moderate with their link; other links, no link and the public are refused', async () => {
    const c = await comment();
    const moderator = await server.invite(sessionId, 'moderator', 'Morgan');
    const attendee = await server.invite(sessionId, 'attendee', 'Alex');
    const interpreter = await server.invite(sessionId, 'interpreter', 'Ana');
    expect((await moderationList(server, sessionId, 'pending', moderator.token)).comments).toHaveLength(1);
    expect(
      (await server.api('GET', `/api/sessions/${sessionId}/comments`, undefined, attendee.token)).status,
    ).toBe(403);
    expect(
      (await server.api('GET', `/api/sessions/${sessionId}/comments`, undefined, interpreter.token)).status,
    ).toBe(403);
    expect((await server.api('GET', `/api/sessions/${sessionId}/comments`, undefined, null)).status).toBe(
      401,
    );
    expect(
      (await server.api('GET', `/api/sessions/${sessionId}/comments`, undefined, 'forged.token.here')).status,
    ).toBe(401);
    expect((await decide(c.id, { action: 'publish' }, attendee.token)).status).toBe(403);
    // A link of another session moderates nothing here.
    const elsewhere = await server.createSession({}, 'scheduled');
    const stranger = await server.invite(elsewhere.id, 'moderator', 'Stranger');
    expect((await decide(c.id, { action: 'publish' }, stranger.token)).status).toBe(401);

    const res = await decide(c.id, { action: 'publish' }, moderator.token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'published', decidedBy: 'Morgan' });

    // Past the session's end (the link's own expiry) the link still moderates, within A31's time.
    server.clock.now = new Date('2030-06-20T12:00:00Z');
    expect((await moderationList(server, sessionId, 'all', moderator.token)).comments).toHaveLength(1);
    server.clock.now = new Date('2030-08-01T12:00:00Z');
    expect(
      (await server.api('GET', `/api/sessions/${sessionId}/comments`, undefined, moderator.token)).status,
    ).toBe(401);
    // A revoked link moderates nothing.
    server.clock.now = new Date('2030-06-01T12:00:00Z');
    await server.api('DELETE', `/api/sessions/${sessionId}/invites/${moderator.id}`);
    expect(
      (await server.api('GET', `/api/sessions/${sessionId}/comments`, undefined, moderator.token)).status,
    ).toBe(401);
  });

  it('A30 only the organizer sets the period and limits, and only valid ones', async () => {
    const moderator = await server.invite(sessionId, 'moderator', 'Morgan');
    const put = (body: unknown, token?: string) =>
      server.api('PUT', `/api/sessions/${sessionId}/comment-settings`, body, token);
    expect((await put({ wordLimit: 100 }, moderator.token)).status).toBe(403);
    for (const body of [
      { opensAt: '2030-06-02T00:00:00Z' },
      { opensAt: '2030-06-02T00:00:00Z', closesAt: '2030-06-01T00:00:00Z' },
      { wordLimit: 10 },
      { videoMaxSeconds: 3600 },
      { topics: ['A', 'A'] },
      { topics: ['Line\nbreak'] },
      { extra: true },
    ]) {
      expect((await put(body)).status).toBe(400);
    }
    const res = await put({ wordLimit: 120, videoMaxSeconds: 60, topics: ['Hiring'] });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      wordLimit: 120,
      videoMaxSeconds: 60,
      topics: ['Hiring'],
      period: 'none',
    });
  });
});

describe('W9 W12 serving a comment’s files', () => {
  it('an unpublished file is the moderators’ only; once published anyone reads it, with its type and name', async () => {
    const c = await comment();
    const [file] = c.files;
    const url = `${server.url}${file!.url}`;
    expect((await fetch(url)).status).toBe(404);
    const moderator = await server.invite(sessionId, 'moderator', 'Morgan');
    const asModerator = await fetch(`${url}?token=${moderator.token}`);
    expect(asModerator.status).toBe(200);
    expect(asModerator.headers.get('cache-control')).toBe('private, no-store');
    const asOrganizer = await server.api('GET', file!.url);
    expect(Buffer.from(await asOrganizer.arrayBuffer())).toEqual(pdfBytes());

    await decide(c.id, { action: 'publish' });
    const open = await fetch(url);
    expect(open.status).toBe(200);
    expect(
      Object.fromEntries(
        ['content-type', 'content-disposition', 'x-content-type-options'].map((h) => [
          h,
          open.headers.get(h),
        ]),
      ),
    ).toEqual({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="brief.pdf"; filename*=UTF-8''brief.pdf`,
      'x-content-type-options': 'nosniff',
    });
    expect(Buffer.from(await open.arrayBuffer())).toEqual(pdfBytes());

    // Taken back (rejected after all): private again.
    await decide(c.id, { action: 'reject', reason: 'spam' });
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(`${server.url}/api/comments/files/nope`)).status).toBe(404);
  });

  it('a video is served in byte ranges, as players ask for it', async () => {
    const video = webmBytes(5000);
    const res = await postComment(
      server,
      sessionId,
      'video',
      { name: 'Dee', email: 'dee@example.org', topic: 'Scheduling' },
      [{ field: 'video', name: 'comment.webm', bytes: video }],
    );
    expect(res.status).toBe(201);
    const [c] = (await moderationList(server, sessionId)).comments as [ModeratedComment];
    await decide(c.id, { action: 'publish' });
    const url = `${server.url}${c.files[0]!.url}`;
    const whole = await fetch(url);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-type')).toBe('video/webm');
    expect(whole.headers.get('content-disposition')).toMatch(/^inline; filename="comment\.webm"/);
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(video);

    const part = await fetch(url, { headers: { range: 'bytes=0-99' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-99/${video.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(video.subarray(0, 100));
    const tail = await fetch(url, { headers: { range: 'bytes=-10' } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(video.subarray(video.length - 10));
    const open = await fetch(url, { headers: { range: `bytes=${video.length - 5}-` } });
    expect(open.headers.get('content-range')).toBe(
      `bytes ${video.length - 5}-${video.length - 1}/${video.length}`,
    );
    const past = await fetch(url, { headers: { range: `bytes=${video.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${video.length}`);
  });
});
