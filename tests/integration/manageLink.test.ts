import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLinkSigner, JOIN_AUDIENCE, MANAGE_AUDIENCE } from '../../server/invites/tokens.js';
import type { ManagedRegistration } from '../../shared/sessions.js';
import { calendarEvent, linkIn, mailTo, tokenOf } from '../support/mail.js';
import { ask, startTestServer, type TestServer } from '../support/server.js';
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

const person = (n: number) => ({
  name: `Person ${n}`,
  email: `person${n}@example.org`,
  affiliation: 'worker',
});
const manageApi = (token: string, method = 'GET', body?: unknown, action = '') =>
  server.api(method, `/api/public/registrations/manage/${token}${action}`, body, null);
const statuses = async (sessionId: string) =>
  (
    (await (await server.api('GET', `/api/sessions/${sessionId}/registrations`)).json()) as {
      status: string;
    }[]
  ).map((r) => r.status);

/** Registers and returns the links from the first mail to that address whose subject matches. */
async function registerAndRead(sessionId: string, n: number, subject: RegExp) {
  await server.api('POST', `/api/public/sessions/${sessionId}/registrations`, person(n), null);
  const { mail } = await smtp.next(mailTo(`person${n}@example.org`, subject));
  return {
    mail,
    manage: tokenOf(linkIn(mail, 'manage', server.url)!),
    join: linkIn(mail, 'join', server.url),
  };
}

describe('the private manage link', () => {
  it('R10, R11: reads the registration and its calendar, changes the details and the name and role of the invite, never the email', async () => {
    const { id } = await server.createSession({ title: 'Managed' }, 'scheduled');
    const { manage } = await registerAndRead(id, 1, /You are registered/);
    const view = (await (await manageApi(manage)).json()) as ManagedRegistration;
    expect(view).toMatchObject({ status: 'registered', name: 'Person 1', session: { title: 'Managed' } });
    expect(view.joinUrl).toContain('/join/');
    const page = await fetch(`${server.url}/registrations/manage/${manage}`);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await manageApi(manage)).headers.get('cache-control')).toBe('no-store');
    const ics = await fetch(view.calendarUrl.replace(/^http:\/\/localhost:\d+/, server.url));
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);

    const changed = await manageApi(manage, 'PATCH', { name: 'Rosa Diaz', wishToSpeak: true, topic: 'Pay' });
    expect(await changed.json()).toMatchObject({ name: 'Rosa Diaz', wishToSpeak: true, topic: 'Pay' });
    const invites = (await (await server.api('GET', `/api/sessions/${id}/invites`)).json()) as {
      name: string;
      role: string;
    }[];
    expect(invites.map((i) => [i.name, i.role])).toEqual([['Rosa Diaz', 'speaker']]);

    const refused = await manageApi(manage, 'PATCH', { email: 'mallory@example.org' });
    expect(refused.status).toBe(400);
    const list = (await (await server.api('GET', `/api/sessions/${id}/registrations`)).json()) as {
      email: string;
      name: string;
    }[];
    expect(list).toMatchObject([{ email: 'person1@example.org', name: 'Rosa Diaz' }]);
  });

  it('R8, R7: cancelling revokes the invite, disconnects it, refuses the link, and the first waitlisted takes the place', async () => {
    const { id } = await server.createSession({ capacity: 1 }, 'live');
    const first = await registerAndRead(id, 1, /You are registered/);
    await registerAndRead(id, 2, /waitlist/);
    const socket = server.client(tokenOf(first.join!));
    expect(await ask(socket, 'room:join', {})).toMatchObject({ ok: true });
    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));

    expect((await manageApi(first.manage, 'DELETE')).status).toBe(204);
    expect(await dropped).toBe('io server disconnect');
    expect((await fetch(first.join!.replace('/join/', '/api/join/'))).status).toBe(410);
    const again = server.client(tokenOf(first.join!));
    expect(await new Promise((resolve) => again.once('connect_error', (e) => resolve(e.message)))).toMatch(
      /withdrawn/i,
    );
    expect((await manageApi(first.manage)).status).toBe(410);
    expect((await manageApi(first.manage, 'DELETE')).status).toBe(410);

    const promoted = await smtp.next(mailTo('person2@example.org', /A place opened/));
    expect(calendarEvent(promoted.mail).summary).toBe('Test session');
    expect(await statuses(id)).toEqual(['cancelled', 'registered']);

    // R3: after cancelling, the address may register anew; the place is taken, so the waitlist.
    await server.api('POST', `/api/public/sessions/${id}/registrations`, person(1), null);
    await smtp.next(mailTo('person1@example.org', /waitlist/));
    expect(await statuses(id)).toEqual(['waitlisted', 'registered']);
  });

  it('R9: a malformed, forged, wrong-audience or bare-id link is refused with a clear 4xx and changes nothing', async () => {
    const { id } = await server.createSession({}, 'scheduled');
    const { manage, join } = await registerAndRead(id, 1, /You are registered/);
    const registrationId = (
      (await (await server.api('GET', `/api/sessions/${id}/registrations`)).json()) as { id: string }[]
    )[0]!.id;
    const until = new Date(Date.now() + 3_600_000);
    const forged = await createLinkSigner('not-the-server-secret-not-the-server', MANAGE_AUDIENCE).sign(
      registrationId,
      until,
    );
    const joinAudience = await createLinkSigner('test-link-secret-test-link-secret-0123', JOIN_AUDIENCE).sign(
      registrationId,
      until,
    );
    const cases: [string, number][] = [
      [registrationId, 400],
      ['a.b', 400],
      [`${manage.slice(0, -3)}abc`, 403],
      [forged, 403],
      [joinAudience, 400],
      [tokenOf(join!), 400],
    ];
    for (const [token, status] of cases) {
      for (const method of ['GET', 'PATCH', 'DELETE']) {
        const res = await manageApi(token, method, method === 'PATCH' ? { name: 'Mallory' } : undefined);
        expect([token, method, res.status]).toEqual([token, method, status]);
        expect(((await res.json()) as { message: string }).message).toMatch(/link/i);
      }
    }
    expect(
      (await server.api('GET', `/api/public/registrations/${registrationId}/calendar.ics`, undefined, null))
        .status,
    ).toBe(404);
    expect(await statuses(id)).toEqual(['registered']);
    expect(((await (await manageApi(manage)).json()) as ManagedRegistration).name).toBe('Person 1');
  });

  it('R3, R5, R6: with email confirmation, a registration is pending, takes no place, until its link confirms it', async () => {
    const { id } = await server.createSession({ capacity: 1, requireEmailConfirmation: true }, 'scheduled');
    const a = await registerAndRead(id, 1, /Confirm your registration/);
    const b = await registerAndRead(id, 2, /Confirm your registration/);
    expect(a.join).toBeNull();
    expect(await statuses(id)).toEqual(['pending', 'pending']);
    // R3: a repeat of a pending address is sent the confirmation link again, and stays pending.
    await server.api('POST', `/api/public/sessions/${id}/registrations`, person(1), null);
    await server.app.mailSettled();
    expect(smtp.messages.filter((m) => m.to.includes('person1@example.org'))).toHaveLength(2);
    expect(await statuses(id)).toEqual(['pending', 'pending']);
    const listing = (await (
      await server.api('GET', `/api/public/sessions/${id}`, undefined, null)
    ).json()) as {
      registration: string;
      requireEmailConfirmation: boolean;
    };
    expect(listing).toMatchObject({ registration: 'open', requireEmailConfirmation: true });
    expect((await (await server.api('GET', `/api/sessions/${id}/invites`)).json()) as unknown[]).toEqual([]);

    const bView = (await (await manageApi(b.manage, 'POST', {}, '/confirm')).json()) as ManagedRegistration;
    expect(bView.status).toBe('registered');
    await smtp.next(mailTo('person2@example.org', /You are registered/));
    const aView = (await (await manageApi(a.manage, 'POST', {}, '/confirm')).json()) as ManagedRegistration;
    expect(aView).toMatchObject({ status: 'waitlisted', joinUrl: null });
    await smtp.next(mailTo('person1@example.org', /waitlist/));
    // Confirming again changes nothing.
    expect(await (await manageApi(a.manage, 'POST', {}, '/confirm')).json()).toMatchObject({
      status: 'waitlisted',
    });
    expect(await statuses(id)).toEqual(['waitlisted', 'registered']);
  });
});
