import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarEvent, linkIn, mailTo } from '../support/mail.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

let smtp: TestSmtp;
let server: TestServer;
beforeEach(async () => {
  smtp = await startTestSmtp();
  server = await startTestServer({ smtpUrl: smtp.url });
});
afterEach(async () => {
  await server.stop();
  await smtp.stop();
});

const person = (n: number, extra: Record<string, unknown> = {}) => ({
  name: `Person ${n}`,
  email: `person${n}@example.org`,
  affiliation: 'worker',
  ...extra,
});
const register = (sessionId: string, body: Record<string, unknown>) =>
  server.api('POST', `/api/public/sessions/${sessionId}/registrations`, body, null);
const answer = async (res: Response) => ({ status: res.status, body: (await res.json()) as unknown });
const listed = async (sessionId: string) =>
  (await (await server.api('GET', `/api/sessions/${sessionId}/registrations`)).json()) as {
    name: string;
    status: string;
    topic: string;
  }[];
const invites = async (sessionId: string) =>
  (await (await server.api('GET', `/api/sessions/${sessionId}/invites`)).json()) as { name: string }[];

describe('registering by email', () => {
  it('R4: the confirmation mail carries the join link, a parseable .ics and the manage link; the answer carries none', async () => {
    const { id } = await server.createSession({ title: 'Listening <on> AI' }, 'scheduled');
    const res = await register(id, person(1));
    expect(res.status).toBe(202);
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body)).toEqual(['message']);
    expect(body.message).not.toMatch(/https?:|\/join\/|\.ics/);

    const { mail } = await smtp.next(mailTo('person1@example.org', /You are registered/));
    const joinUrl = linkIn(mail, 'join', server.url)!;
    expect((await fetch(joinUrl.replace('/join/', '/api/join/'))).status).toBe(200);
    expect(linkIn(mail, 'manage', server.url)).not.toBeNull();
    const event = calendarEvent(mail);
    expect(event.summary).toBe('Listening <on> AI');
    expect(String(event.component.getFirstPropertyValue('url'))).toContain('/join/');
    expect(mail.html).toContain('Listening &lt;on&gt; AI');
    expect(mail.html).not.toContain('<on>');
  });

  it('R2, R3: registering again with a known email answers the same, changes nothing, and mails only that address', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    const first = await answer(await register(id, person(1, { wishToSpeak: true, topic: 'Pay' })));
    await smtp.next(mailTo('person1@example.org', /You are registered/));
    const stranger = await answer(
      await register(id, person(9, { email: 'PERSON1@example.org', name: 'Mallory', topic: 'Other' })),
    );
    const fresh = await answer(await register(id, person(2)));
    expect(stranger).toEqual(first);
    expect(fresh).toEqual(first);

    const again = await smtp.next(mailTo('person1@example.org', /Your link again/));
    expect(again.mail.text).toContain('Hello Person 1,');
    expect(linkIn(again.mail, 'join', server.url)).toContain('/join/');
    await smtp.next(mailTo('person2@example.org', /You are registered/));
    await server.app.mailSettled();
    expect(smtp.messages.flatMap((m) => m.to).sort()).toEqual([
      'person1@example.org',
      'person1@example.org',
      'person2@example.org',
    ]);
    expect((await listed(id)).map((r) => [r.name, r.topic])).toEqual([
      ['Person 1', 'Pay'],
      ['Person 2', ''],
    ]);
    expect((await invites(id)).map((i) => i.name).sort()).toEqual(['Person 1', 'Person 2']);
  });

  it('R3: repeating a known address mails its links again at most once every 5 minutes', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    for (let i = 0; i < 4; i++) expect((await register(id, person(1))).status).toBe(202);
    await server.app.mailSettled();
    // Sorted: the two are sent side by side, and either may arrive first.
    const subjects = () => smtp.messages.map((m) => m.mail.subject).sort();
    expect(subjects()).toEqual(['You are registered: Test session', 'Your link again: Test session']);
    server.clock.now = new Date(server.clock.now.getTime() + 5 * 60_000);
    await register(id, person(1));
    await server.app.mailSettled();
    expect(subjects().filter((s) => s?.startsWith('Your link again'))).toHaveLength(2);
  });

  it('R3, R4, R6: a waitlisted repeat is told it waits, and the answer still says nothing', async () => {
    const { id } = await server.createSession({ capacity: 1 }, 'scheduled');
    const first = await answer(await register(id, person(1)));
    expect(await answer(await register(id, person(2)))).toEqual(first);
    const waiting = await smtp.next(mailTo('person2@example.org', /waitlist/));
    expect(linkIn(waiting.mail, 'join', server.url)).toBeNull();
    expect(linkIn(waiting.mail, 'manage', server.url)).not.toBeNull();
    expect(await answer(await register(id, person(2, { name: 'Someone else' })))).toEqual(first);
    const again = await smtp.next(mailTo('person2@example.org', /Your link again/));
    expect(again.mail.text).toContain('on the waitlist');
    expect((await listed(id)).map((r) => [r.name, r.status])).toEqual([
      ['Person 1', 'registered'],
      ['Person 2', 'waitlisted'],
    ]);
  });

  it('R7: the organizer promotes someone off the waitlist, who is mailed the join link and .ics', async () => {
    const { id } = await server.createSession({ capacity: 0 }, 'scheduled');
    await register(id, person(1));
    await smtp.next(mailTo('person1@example.org', /waitlist/));
    const [waiting] = (await (await server.api('GET', `/api/sessions/${id}/registrations`)).json()) as {
      id: string;
    }[];
    expect(
      (await server.api('POST', `/api/sessions/${id}/registrations/${waiting!.id}/promote`, {})).status,
    ).toBe(204);
    const { mail } = await smtp.next(mailTo('person1@example.org', /A place opened/));
    expect(linkIn(mail, 'join', server.url)).toContain('/join/');
    expect(calendarEvent(mail).summary).toBe('Test session');
  });

  it('R2: more than 30 registrations a minute from one address are refused, storing and mailing nothing', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    for (let n = 0; n < 30; n++) expect((await register(id, person(n))).status).toBe(202);
    expect((await register(id, person(30))).status).toBe(429);
    await server.app.mailSettled();
    expect(await listed(id)).toHaveLength(30);
    expect(smtp.messages.some((m) => m.to.includes('person30@example.org'))).toBe(false);
  });

  it('R13: a mail server that refuses the message does not fail or undo the registration', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    smtp.refuseAll();
    expect((await register(id, person(1))).status).toBe(202);
    await server.app.mailSettled();
    expect((await listed(id)).map((r) => r.status)).toEqual(['registered']);
  });

  it('R12: one reminder for a session starting within the window, none for a later one', async () => {
    await server.stop();
    server = await startTestServer({ smtpUrl: smtp.url, reminderWindowMs: 24 * 3_600_000 });
    const start = (h: number) => new Date(server.clock.now.getTime() + h * 3_600_000).toISOString();
    const soon = await server.createSession(
      { title: 'Soon', startsAt: start(2), endsAt: start(3) },
      'scheduled',
    );
    const later = await server.createSession(
      { title: 'Later', startsAt: start(48), endsAt: start(49) },
      'scheduled',
    );
    await register(soon.id, person(1));
    await register(later.id, person(2));
    await server.app.mailSettled();
    expect(await server.app.sendReminders()).toBe(1);
    expect(await server.app.sendReminders()).toBe(0);
    const { mail } = await smtp.next(mailTo('person1@example.org', /Reminder: Soon/));
    expect(linkIn(mail, 'join', server.url)).toContain('/join/');
    expect(smtp.messages.filter((m) => /Reminder/.test(m.mail.subject ?? ''))).toHaveLength(1);
  });
});

describe('without SMTP', () => {
  it('R4: mail is written to DATA_DIR/outbox as RFC 822 messages a mail parser reads', async () => {
    const local = await startTestServer();
    try {
      const { id } = await local.createSession({ title: 'Outbox' }, 'scheduled');
      await local.api('POST', `/api/public/sessions/${id}/registrations`, person(1), null);
      await local.app.mailSettled();
      const outbox = join(local.dataDir, 'outbox');
      const files = readdirSync(outbox);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      const mail = await simpleParser(readFileSync(join(outbox, files[0]!)));
      expect(mail.subject).toBe('You are registered: Outbox');
      expect(JSON.stringify(mail.to)).toContain('person1@example.org');
      expect(calendarEvent(mail).summary).toBe('Outbox');
    } finally {
      await local.stop();
    }
  });
});
