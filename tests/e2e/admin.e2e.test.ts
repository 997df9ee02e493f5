import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { axeViolations, tabTo } from '../support/a11y.js';
import { launchChromium } from '../support/browser.js';

let app: AppProcess;
let browser: Browser;
let page: Page;

/** Fills a field found by its label, from the keyboard. */
async function type(label: string | RegExp, text: string) {
  const field = page.getByLabel(label);
  await field.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

beforeAll(async () => {
  app = await startAppProcess(Number(process.env.E2E_PORT ?? 3000));
  browser = await launchChromium();
  page = await (
    await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' })
  ).newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("the organizer's pages, by keyboard", () => {
  it('signs in with the token, refusing a wrong one', async () => {
    await page.goto(`${app.url}/organizer`);
    await type('Organizer token', 'wrong-token');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'not the organizer token' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await type('Organizer token', app.organizerToken);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sessions', level: 1 }).waitFor();
  });

  it('creates a session, with field errors first', async () => {
    await page.getByRole('button', { name: 'Create session' }).press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.getByRole('link').count()).toBeGreaterThan(0);
    await type('Title', 'Union hall listening session');
    // A date-time field is typed part by part (en-US: month, day, year; the year takes up to six
    // digits, so an arrow key moves on to hour, minute, AM/PM).
    for (const [label, time] of [
      [/Starts/, '1000A'],
      [/Ends/, '1200P'],
    ] as const) {
      await tabTo(page, label);
      await page.keyboard.type('03042031');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.type(time);
    }
    expect(await page.getByLabel('Ends').inputValue()).toBe('2031-03-04T12:00');
    await type('Capacity (empty for no limit)', '40');
    await page.getByRole('button', { name: 'Create session' }).press('Enter');
    await page
      .getByRole('heading', { name: 'Union hall listening session', level: 1 })
      .waitFor({ timeout: 10_000 })
      .catch(async (err: unknown) => {
        await page.screenshot({ path: 'test-results/admin-create-failed.png', fullPage: true });
        throw err;
      });
    expect(await page.getByText(/Starts Tuesday, March 4, 2031 at 10:00/).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('invites a captioner and sees the link and the caption URL listed', async () => {
    await page.getByRole('combobox', { name: 'Role' }).selectOption('captioner');
    await type(/^Name/, 'Cora Diaz');
    await page.getByRole('button', { name: 'Invite' }).press('Enter');
    await page.getByRole('button', { name: 'Copy the caption URL of Cora Diaz' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Cora Diaz' });
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('Not yet');
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

  it('ends the session after asking twice, publishes the record, and the record page is accessible', async () => {
    await page.getByRole('button', { name: 'Start the session' }).press('Enter');
    await page.getByRole('heading', { name: 'Status: live' }).waitFor();
    await page.getByRole('button', { name: 'End the session' }).press('Enter');
    await page.getByRole('button', { name: 'Yes, end the session' }).press('Enter');
    await page.getByRole('heading', { name: 'Status: ended' }).waitFor();
    await page.getByRole('button', { name: 'Publish the record' }).press('Enter');
    await page.getByRole('link', { name: 'Open the published record' }).press('Enter');
    await page.getByRole('heading', { name: 'Record: Union hall listening session' }).waitFor();
    expect(await page.getByText('Nobody took the floor.').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });
});
