import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { axeViolations, focusProblems, tabTo } from '../support/a11y.js';
import { launchChromium } from '../support/browser.js';
import { inviteOf } from '../support/jwt.js';
import { calendarEvent, linkIn, outboxMail } from '../support/mail.js';
import { screenshots } from '../support/pageChecks.js';

let app: AppProcess;
let browser: Browser;
let sessionId: string;
let joinUrl: string;
const TITLE = 'Warehouse work and AI';

async function newPage(): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
}

/** A page whose context may use the clipboard, so a copy can be read back. */
async function clipboardPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  return context.newPage();
}

beforeAll(async () => {
  app = await startAppProcess(Number(process.env.E2E_PORT ?? 3000));
  browser = await launchChromium();
  sessionId = (await app.createSession(TITLE, 'lobby')).id;
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('registration, the lobby and the room', () => {
  it('a person registers with the keyboard alone and gets the link and a calendar file', async () => {
    const page = await newPage();
    await page.goto(`${app.url}/accessibility`);
    await page.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${app.url}/sessions`);
    await page.getByRole('heading', { name: TITLE }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, new RegExp(`Register for ${TITLE}`));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Register: ${TITLE}` }).waitFor();
    // The navigation put focus on the new page's heading, as a page load would.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe(`Register: ${TITLE}`);

    // Submitting with nothing filled in: the problems are announced, listed and linked to their fields.
    await tabTo(page, /^\s*Register\s*$/);
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Email' }).getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    // The server's words, field by field: the page checks nothing itself.
    await screenshots(page, 'registration-errors');

    await summary.getByRole('link', { name: /name/i }).first().press('Enter');
    await page.keyboard.type('Rosa Diaz');
    await tabTo(page, /Email/);
    await page.keyboard.type('rosa@example.org');
    await tabTo(page, /Affiliation/);
    await page.keyboard.press('ArrowDown'); // Worker
    await tabTo(page, /I would like to speak/);
    await page.keyboard.press('Space');
    await tabTo(page, /speak about/);
    await page.keyboard.type('Scanners that set our pace');
    await tabTo(page, /ASL interpretation/);
    await page.keyboard.press('Space');
    await tabTo(page, /^\s*Register\s*$/);
    await page.keyboard.press('Enter');

    // The links go only by email (server/sessions/SPEC.md, R2): the page says where to look.
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    expect(await page.getByText('rosa@example.org').count()).toBe(1);
    expect(await page.locator('a[href*="/join/"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    const mail = await outboxMail(app.dataDir, 'rosa@example.org', /You are registered/);
    joinUrl = linkIn(mail, 'join', app.url)!;
    expect(calendarEvent(mail).summary).toBe(TITLE);

    // The private manage link from the mail: the join link as things to do, and the calendar file.
    const manage = await clipboardPage();
    await manage.goto(linkIn(mail, 'manage', app.url)!);
    await manage.getByRole('heading', { name: `Your registration: ${TITLE}` }).waitFor();
    expect(await axeViolations(manage)).toEqual([]);
    expect(await focusProblems(manage)).toEqual([]);
    // No address to select by hand: a button copies it, and says so.
    expect(await manage.getByText(/\/join\/eyJ/).count()).toBe(0);
    await manage.getByRole('button', { name: 'Copy link' }).press('Enter');
    await manage.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
    const copied = await manage.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^https?:\/\/[^/]+\/join\/eyJ/);
    expect(inviteOf(copied)).toBe(inviteOf(joinUrl));
    // A second copy is announced again.
    await manage.getByRole('button', { name: 'Copy link' }).press('Enter');
    await manage.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
    await screenshots(manage, 'manage-join-link');

    const [download] = await Promise.all([
      manage.waitForEvent('download'),
      manage.getByRole('link', { name: /Add to your calendar/ }).press('Enter'),
    ]);
    const ics = readFileSync(await download.path(), 'utf8');
    const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe(TITLE);
    // The same personal link (signed again, so compared by the invite it names).
    expect(inviteOf(String(event.component.getFirstPropertyValue('url')))).toBe(inviteOf(joinUrl));

    // The lobby is open, so the page says "Join now", and it goes to the pre-join page of that link.
    await manage.getByRole('link', { name: 'Join now', exact: true }).press('Enter');
    await manage.getByRole('button', { name: 'Join room' }).waitFor();
    expect(inviteOf(manage.url())).toBe(inviteOf(joinUrl));
    await manage.context().close();
  });

  it('R10: the manage page changes the name with the keyboard, and says so', async () => {
    const mail = await outboxMail(app.dataDir, 'rosa@example.org', /You are registered/);
    const page = await newPage();
    await page.goto(linkIn(mail, 'manage', app.url)!);
    const name = page.getByRole('textbox', { name: 'Full name' });
    await name.fill('');
    await tabTo(page, /Save changes/);
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await summary.getByRole('link').first().press('Enter');
    await page.keyboard.type('Rosa María Díaz');
    await tabTo(page, /Save changes/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Your changes are saved.' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('R5: with email confirmation, the mailed link confirms by keyboard, and says what follows', async () => {
    const confirmed = await app.createSession('Confirmed town hall', 'scheduled', {
      requireEmailConfirmation: true,
    });
    const res = await fetch(`${app.url}/api/public/sessions/${confirmed.id}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Pat Lee', email: 'pat@example.org', affiliation: 'union' }),
    });
    expect(res.status).toBe(202);
    const mail = await outboxMail(app.dataDir, 'pat@example.org', /Confirm your registration/);
    expect(linkIn(mail, 'join', app.url)).toBeNull();
    const page = await newPage();
    await page.goto(linkIn(mail, 'manage', app.url)!);
    await page.getByText('Your registration waits for you to confirm it.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, /Confirm my registration/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Confirmed. You are registered.' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    // Not open yet: "Join", not "Join now".
    await page.getByRole('link', { name: 'Join', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Join now' }).count()).toBe(0);
    await outboxMail(app.dataDir, 'pat@example.org', /You are registered/);
  });

  it('the organizer sees the registration and gets it as CSV', async () => {
    const auth = { authorization: `Bearer ${app.organizerToken}` };
    const list = (await (
      await fetch(`${app.url}/api/sessions/${sessionId}/registrations`, { headers: auth })
    ).json()) as { name: string; wishToSpeak: boolean; accommodations: { asl: boolean } }[];
    expect(list).toMatchObject([
      { name: 'Rosa María Díaz', wishToSpeak: true, accommodations: { asl: true } },
    ]);
    const csv = await (
      await fetch(`${app.url}/api/sessions/${sessionId}/registrations.csv`, { headers: auth })
    ).text();
    expect(csv).toContain('Rosa María Díaz,rosa@example.org');
  });

  it('the lobby shows when it starts and the captions, then moves into the room when the moderator opens it', async () => {
    const rosa = await newPage();
    await rosa.goto(joinUrl.replace(/^http:\/\/localhost:\d+/, app.url));
    await rosa.getByRole('button', { name: 'Join room' }).press('Enter');
    const lobby = rosa.getByRole('region', { name: 'Lobby' });
    await lobby.waitFor();
    await lobby.getByRole('log', { name: 'Captions' }).waitFor();
    expect(await rosa.getByRole('region', { name: 'Stage' }).count()).toBe(0);
    expect(await axeViolations(rosa)).toEqual([]);
    await rosa.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    const moderator = await newPage();
    const invite = await app.invite(sessionId, 'moderator', 'Morgan Lee');
    await moderator.goto(invite.url);
    await moderator.getByRole('button', { name: 'Join room' }).press('Enter');
    await moderator.getByRole('button', { name: 'Start the session' }).press('Enter');

    await rosa.getByRole('region', { name: 'Stage' }).waitFor();
    expect(await rosa.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await rosa.getByText('The session has started.').waitFor({ state: 'attached' });
    // Registered to speak: already in the queue, in registration order.
    const queue = moderator.getByRole('region', { name: 'Speaker queue' });
    await expect
      .poll(() => queue.getByRole('listitem').allTextContents())
      .toEqual([expect.stringContaining('Rosa María Díaz')]);
  });
});
