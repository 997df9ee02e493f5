// Each page's script loads on demand (client/src/main.tsx): when it does not arrive, the page says
// so in words instead of staying empty, and the next navigation works again.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { launchChromium } from '../support/browser.js';

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  app = await startAppProcess(Number(process.env.E2E_PORT ?? 3000));
  browser = await launchChromium();
  await app.createSession('Listening session on AI at work');
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('pages loaded on demand', () => {
  it('a page whose script does not arrive says so, and the next page loads', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/`);
    await page.getByRole('heading', { name: 'OpenFloor', level: 1 }).waitFor();
    const listing = '**/assets/SessionsPage-*.js';
    await page.route(listing, (route) => route.abort('internetdisconnected'));

    await page.getByRole('link', { name: 'See the upcoming sessions' }).click();
    await page.getByRole('heading', { name: 'This page could not be loaded', level: 1 }).waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Check your connection/);
    expect(new URL(page.url()).pathname).toBe('/sessions');

    await page.unroute(listing);
    await page.getByRole('link', { name: 'OpenFloor' }).click();
    await page.getByRole('heading', { name: 'OpenFloor', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'load the page again' }).waitFor({ state: 'detached' });
    await page.close();
  });
});
