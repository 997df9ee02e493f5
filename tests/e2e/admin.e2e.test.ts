import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { axeViolations, focusProblems, tabTo } from '../support/a11y.js';
import { launchChromium } from '../support/browser.js';
import { inviteOf } from '../support/jwt.js';
import { describedText, headingShown, screenshots, typeInto } from '../support/pageChecks.js';

let app: AppProcess;
let browser: Browser;
let page: Page;
let sessionUrl: string;

beforeAll(async () => {
  app = await startAppProcess(Number(process.env.E2E_PORT ?? 3000));
  browser = await launchChromium();
  page = await (
    await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      timezoneId: 'America/Chicago',
    })
  ).newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("the organizer's pages, by keyboard", () => {
  it('finds the sign-in from the home page, learns where the token is, and signs in, refusing a wrong one', async () => {
    await page.goto(app.url);
    await tabTo(page, /For organizers/);
    await page.keyboard.press('Enter');
    await headingShown(page, 'Organizer sign-in');
    // Where the token comes from is read with the field.
    const hint = await describedText(page, 'Organizer token');
    expect(hint).toContain('ORGANIZER_TOKEN');
    expect(hint).toContain('organizer-token');
    expect(await focusProblems(page)).toEqual([]);
    await screenshots(page, 'organizer-sign-in');
    await typeInto(page, 'Organizer token', 'wrong-token');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'not the organizer token' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await typeInto(page, 'Organizer token', app.organizerToken);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sessions', level: 1 }).waitFor();
  });

  it('creates a session: errors that say what to type, the time-zone list, a description of several lines', async () => {
    await page.getByRole('button', { name: 'Create session' }).press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    // A date left empty says what to type, in the summary and on the field itself.
    const startError = 'Enter the start as a date and time, like 12/03/2026, 02:00 PM.';
    await summary.getByRole('link', { name: startError }).waitFor();
    expect(await page.getByLabel('Starts').getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(page, 'Starts')).toContain(startError);
    expect(await axeViolations(page)).toEqual([]);
    await screenshots(page, 'organizer-form-errors');

    await typeInto(page, 'Title', 'Union hall listening session');
    // A description of several lines, typed with Enter between them.
    await typeInto(page, 'Description', 'Hear from workers first.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Then from employers.');
    // The zone list starts at the browser's own zone, each zone named with its offset.
    const zone = page.getByRole('combobox', { name: 'Time zone' });
    expect(await zone.inputValue()).toBe('America/Chicago');
    await zone.selectOption('America/Denver');
    expect(await zone.locator('option:checked').textContent()).toMatch(/^Denver \(UTC−0[67]:00\)$/);

    // A half-typed date is no date: the field says so again, and what to type.
    await tabTo(page, /Starts/);
    await page.keyboard.type('0304');
    await page.getByRole('button', { name: 'Create session' }).press('Enter');
    await summary.getByRole('link', { name: startError }).press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('reg-starts');

    // A date-time field is typed part by part (en-US: month, day, year; the year takes up to six
    // digits, so an arrow key moves on to hour, minute, AM/PM).
    for (const [label, time] of [
      [/Starts/, '1000A'],
      [/Ends/, '1200P'],
    ] as const) {
      await page.getByLabel(label).focus();
      await page.keyboard.type('03042031');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.type(time);
    }
    expect(await page.getByLabel('Ends').inputValue()).toBe('2031-03-04T12:00');
    await typeInto(page, 'Capacity (empty for no limit)', '40');
    await page.getByRole('button', { name: 'Create session' }).press('Enter');
    await page
      .getByRole('heading', { name: 'Union hall listening session', level: 1 })
      .waitFor({ timeout: 10_000 })
      .catch(async (err: unknown) => {
        await page.screenshot({ path: 'test-results/admin-create-failed.png', fullPage: true });
        throw err;
      });
    sessionUrl = page.url();
    // Read in Denver's zone, and shown in the viewer's own too.
    expect(await page.getByText('Starts Tuesday, March 4, 2031 at 10:00 AM MST').count()).toBe(1);
    expect(await page.getByText(/11:00 AM CST your time/).count()).toBe(1);
    await page.getByRole('heading', { name: 'Status: Scheduled' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The public list keeps the description's line break.
    const list = await page.context().newPage();
    await list.goto(`${app.url}/sessions`);
    const description = list.getByText('Hear from workers first.');
    expect(await description.evaluate((el) => (el as HTMLElement).innerText)).toBe(
      'Hear from workers first.\nThen from employers.',
    );
    await list.close();
  });

  it('invites a captioner and sees the link and the caption URL listed', async () => {
    await page.getByRole('combobox', { name: 'Role' }).selectOption('captioner');
    await typeInto(page, /^Name/, 'Cora Diaz');
    await page.getByRole('button', { name: 'Invite' }).press('Enter');
    await page.getByRole('button', { name: 'Copy the caption URL of Cora Diaz' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Cora Diaz' });
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('Not yet');
  });

  it('A42 invites a Spanish interpreter from the page: the field only for interpreters, a bad tag refused on the field, the channel listed', async () => {
    const role = page.getByRole('combobox', { name: 'Role' });
    const language = page.getByRole('combobox', { name: 'Interprets into (spoken language)' });
    expect(await language.count()).toBe(0);
    // The role from the keyboard: the list goes Moderator, ASL interpreter, ...
    await role.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    expect(await role.inputValue()).toBe('interpreter');
    await language.waitFor();
    expect(await language.inputValue()).toBe('');

    // "Other" takes a typed tag; the server's schema refuses one that is no tag, in words, on the field.
    await typeInto(page, /^Name/, 'Eva Lopez');
    await tabTo(page, /Interprets into/);
    await page.keyboard.press('End');
    expect(await language.inputValue()).toBe('other');
    await typeInto(page, 'Language tag (for example pt-BR)', 'Spanish!');
    await page.keyboard.press('Enter');
    const refusal = 'Interprets into: Enter a language tag such as es, fr or pt-BR.';
    await page.getByRole('alert').filter({ hasText: refusal }).waitFor();
    const tag = page.getByRole('textbox', { name: 'Language tag (for example pt-BR)' });
    expect(await tag.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(page, 'Language tag (for example pt-BR)')).toBe(refusal);
    expect(await page.getByRole('textbox', { name: /^Name/ }).getAttribute('aria-invalid')).toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.getByRole('row').filter({ hasText: 'Eva Lopez' }).count()).toBe(0);
    await page.screenshot({ path: 'test-results/organizer-interpreter-language-refused.png' });

    // Spanish from the short list.
    await language.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    expect(await language.inputValue()).toBe('es');
    expect(await language.locator('option:checked').textContent()).toBe('Spanish (es)');
    await page.getByRole('button', { name: 'Invite' }).press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: 'Invited Eva Lopez as Spanish (es) interpreter.' })
      .waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Eva Lopez' });
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('Interpreter, Spanish (es) channel');
    expect(await page.getByRole('alert').filter({ hasText: refusal }).count()).toBe(0);
    // The form is ready for the next: no language left chosen.
    expect(await language.inputValue()).toBe('');
    const sessionId = page.url().split('/').at(-1)!;
    const invites = (await (
      await fetch(`${app.url}/api/sessions/${sessionId}/invites`, {
        headers: { authorization: `Bearer ${app.organizerToken}` },
      })
    ).json()) as { name: string; role: string; language?: string }[];
    expect(invites.find((i) => i.name === 'Eva Lopez')).toMatchObject({
      role: 'interpreter',
      language: 'es',
    });

    expect(await axeViolations(page)).toEqual([]);
    expect(await focusProblems(page, 60)).toEqual([]);
    await screenshots(page, 'organizer-interpreter-language');
    // Another role hides the field again.
    await role.selectOption('captioner');
    expect(await language.count()).toBe(0);
  });

  it('shows a registration with its accommodation requests, and downloads it as CSV', async () => {
    const sessionId = page.url().split('/').at(-1)!;
    const res = await fetch(`${app.url}/api/public/sessions/${sessionId}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Lee Park',
        email: 'lee@example.org',
        organization: '=cmd()',
        affiliation: 'union',
        accommodations: { asl: true, cart: true },
      }),
    });
    expect(res.status).toBe(202);
    await page.reload();
    const row = page
      .getByRole('table', { name: 'Registrations in order' })
      .getByRole('row')
      .filter({ hasText: 'Lee Park' });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(6).textContent()).toBe('ASL; CART');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download registrations (CSV)' }).press('Enter'),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain("Lee Park,lee@example.org,'=cmd(),Union");
  });

  it('Start as host: one press takes the organizer into the room as its moderator; a second press reuses the link', async () => {
    await page.getByRole('heading', { name: 'Run the room yourself' }).waitFor();
    expect(await focusProblems(page)).toEqual([]);
    await screenshots(page, 'organizer-session');
    await page.getByRole('button', { name: 'Start as host' }).press('Enter');
    // The pre-join page of a moderator's link, in the organizer's name, then the room.
    await page.getByText('You are joining as Moderator.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Your name' }).inputValue()).toBe('Organizer (host)');
    const firstLink = page.url();
    await page.getByRole('button', { name: 'Join room' }).press('Enter');
    await page.getByRole('region', { name: 'Stage' }).waitFor();
    await page.getByRole('heading', { name: 'Union hall listening session', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Open the lobby' }).waitFor();
    await page.getByRole('button', { name: 'Start the session' }).waitFor();
    await page
      .getByRole('banner')
      .getByRole('status')
      .filter({ hasText: /^Connected$/ })
      .waitFor();
    await page.screenshot({ path: 'test-results/organizer-host-room-1280.png' });

    // Back on the session's page, a second press opens the same link: no second invite.
    await page.goto(sessionUrl);
    const row = page.getByRole('row').filter({ hasText: 'Organizer (host)' });
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('Moderator');
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('Yes');
    await page.getByRole('button', { name: 'Start as host' }).press('Enter');
    await page.getByText('You are joining as Moderator.').waitFor();
    expect(inviteOf(page.url())).toBe(inviteOf(firstLink));
    const sessionId = sessionUrl.split('/').at(-1)!;
    const invites = (await (
      await fetch(`${app.url}/api/sessions/${sessionId}/invites`, {
        headers: { authorization: `Bearer ${app.organizerToken}` },
      })
    ).json()) as { name: string; role: string }[];
    expect(invites.filter((i) => i.role === 'moderator')).toEqual([
      expect.objectContaining({ name: 'Organizer (host)' }),
    ]);
    await page.goto(sessionUrl);
  });

  it('Start as host is refused in words when the session could not be joined, and nothing opens', async () => {
    const hour = 3_600_000;
    const past = await app.createSession('Overran session', 'scheduled', {
      startsAt: new Date(Date.now() - 2 * hour).toISOString(),
      endsAt: new Date(Date.now() - hour).toISOString(),
    });
    await page.goto(`${app.url}/organizer/sessions/${past.id}`);
    await page.getByRole('button', { name: 'Start as host' }).press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Move the end time later' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/organizer/sessions/${past.id}`);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(sessionUrl);
  });

  it('ends the session after asking twice, publishes the record, and the record page is accessible', async () => {
    await page.getByRole('button', { name: 'Start the session' }).press('Enter');
    await page.getByRole('heading', { name: 'Status: Live' }).waitFor();
    await page.getByRole('button', { name: 'End the session' }).press('Enter');
    await page.getByRole('button', { name: 'Yes, end the session' }).press('Enter');
    await page.getByRole('heading', { name: 'Status: Ended' }).waitFor();
    // Nobody can host an ended session: the page offers it no more (and the server refuses it).
    expect(await page.getByRole('button', { name: 'Start as host' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Publish the record' }).press('Enter');
    await page.getByRole('link', { name: 'Open the published record' }).press('Enter');
    await page.getByRole('heading', { name: 'Record: Union hall listening session' }).waitFor();
    expect(await page.getByText('Nobody took the floor.').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });
});
