import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { WebVTTParser } from 'webvtt-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { axeViolations } from '../support/a11y.js';
import { launchChromium } from '../support/browser.js';

let app: AppProcess;
let browser: Browser;
let sessionId: string;
let captioner: Page;
let attendeeContext: BrowserContext;
let attendee: Page;
let attendeeUrl: string;

const ENTITIES = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('webvtt-parser/html-entities.json'), 'utf8'),
) as Record<string, string>;

async function enter(role: 'captioner' | 'attendee', name: string, context?: BrowserContext) {
  const invite = await app.invite(sessionId, role, name);
  const ctx = context ?? (await browser.newContext({ viewport: { width: 1280, height: 900 } }));
  const page = await ctx.newPage();
  await page.goto(invite.url);
  await page.getByRole('button', { name: 'Join room' }).press('Enter');
  await page.getByRole('log', { name: 'Captions' }).waitFor();
  return { page, url: invite.url };
}

const log = (page: Page) => page.getByRole('log', { name: 'Captions' });

/** The polite region that reads committed lines to screen readers (not the visible log). */
const announcements = (page: Page) =>
  page.locator('.caption-log [aria-live="polite"]').evaluate((el) => el.textContent ?? '');

async function writeLine(text: string, enter = true) {
  const input = captioner.getByRole('textbox', { name: 'Caption input' });
  await input.focus();
  await input.pressSequentially(text, { delay: 15 });
  if (enter) await input.press('Enter');
}

beforeAll(async () => {
  app = await startAppProcess(Number(process.env.E2E_PORT ?? 3000));
  browser = await launchChromium();
  sessionId = (await app.createSession('Caption session')).id;
  captioner = (await enter('captioner', 'Cora Diaz')).page;
  attendeeContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const joined = await enter('attendee', 'Alex Kim', attendeeContext);
  attendee = joined.page;
  attendeeUrl = joined.url;
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('live captions in the browser', () => {
  it('streams the words to the attendee before Enter, then commits the line, announced once', async () => {
    await captioner.keyboard.press('Alt+KeyS');
    await captioner.keyboard.type('Sam Patel');
    await captioner.keyboard.press('Alt+KeyC');
    await writeLine('AI changed how we', false);
    // Seen in the attendee's log while the captioner has not pressed Enter.
    await expect.poll(() => log(attendee).textContent()).toContain('AI changed how we');
    expect(await announcements(attendee)).toBe('');
    await writeLine(' schedule shifts.');
    await expect
      .poll(() => log(attendee).locator('.caption-line:not(.caption-partial)').allTextContents())
      .toEqual(['Sam Patel: AI changed how we schedule shifts.']);
    expect(await captioner.getByRole('textbox', { name: 'Caption input' }).inputValue()).toBe('');
    expect(await announcements(attendee)).toBe('Sam Patel: AI changed how we schedule shifts.');
  });

  it('gives the captioner a button that copies the caption URL captioning software posts to', async () => {
    await captioner.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await captioner.getByRole('button', { name: 'Copy caption URL' }).press('Enter');
    await captioner.getByRole('status').filter({ hasText: 'Caption URL copied.' }).waitFor();
    // The URL is a key to write as the captioner: copied, never shown.
    expect(await captioner.locator('.caption-console').textContent()).not.toContain('token=');
    const copied = await captioner.evaluate(() => navigator.clipboard.readText());
    const url = copied.replace(/^http:\/\/localhost:/, 'http://127.0.0.1:');
    for (let seq = 1; seq <= 12; seq++) {
      const res = await fetch(`${url}&seq=${seq}&lang=en-US`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: `Posted line ${seq}\n`,
      });
      expect(res.status).toBe(200);
    }
    await expect.poll(() => log(attendee).textContent()).toContain('Posted line 12');
  });

  it('freezes the log when the viewer scrolls back, until "Jump to live"', async () => {
    const scroller = log(attendee);
    await scroller.focus();
    await attendee.keyboard.press('Home');
    const jump = attendee.getByRole('button', { name: 'Jump to live' });
    await jump.waitFor();
    // Keyboard scrolling may be animated: wait for it to reach the top.
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(0);
    await writeLine('A line that arrives while the viewer reads back.');
    await expect.poll(() => scroller.textContent()).toContain('while the viewer reads back');
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);
    await jump.press('Enter');
    await expect
      .poll(() => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight))
      .toBeLessThanOrEqual(4);
    expect(await jump.count()).toBe(0);
  });

  it('gives a viewer who dropped exactly the lines it missed, in order, once', async () => {
    await attendee.evaluate(() => window.openfloor!.socket.disconnect());
    for (const n of [1, 2, 3]) await writeLine(`Missed line ${n}.`);
    await attendee.evaluate(() => window.openfloor!.socket.connect());
    const texts = () => log(attendee).locator('.caption-line').allTextContents();
    await expect
      .poll(async () => (await texts()).filter((t) => t.includes('Missed line')))
      .toEqual(['Missed line 1.', 'Missed line 2.', 'Missed line 3.']);
    expect((await texts()).filter((t) => t.includes('reads back'))).toHaveLength(1);
  });

  it('keeps captions flowing with the LiveKit server stopped', async () => {
    app.killLiveKit();
    await writeLine('Captions do not need the media server.');
    // Committed, not only streamed: the next test opens a page that reads the committed lines.
    await expect
      .poll(() => log(attendee).locator('.caption-line:not(.caption-partial)').allTextContents())
      .toContainEqual(expect.stringContaining('Captions do not need the media server.'));
  });

  it('keeps the viewer settings and shows the captions alone on a second page', async () => {
    // In the room, the caption options are in the Settings panel.
    await attendee.getByRole('button', { name: 'Settings', exact: true }).press('Enter');
    await attendee.getByRole('button', { name: 'Caption settings' }).press('Enter');
    const size = attendee.getByRole('slider', { name: 'Text size' });
    await size.focus();
    for (let i = 0; i < 4; i++) await attendee.keyboard.press('ArrowRight');
    await attendee.getByRole('button', { name: 'Yellow on black' }).press('Enter');
    expect(await attendee.getByRole('button', { name: 'Yellow on black' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const second = await attendeeContext.newPage();
    await second.goto(attendeeUrl.replace('/join/', '/captions/'));
    await expect.poll(() => log(second).textContent()).toContain('Captions do not need the media server.');
    const style = await log(second).evaluate((el) => {
      const s = getComputedStyle(el);
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
      return { scale: parseFloat(s.fontSize) / (1.25 * rem), color: s.color };
    });
    // 200%: four steps of 25% up from 100%.
    expect(style).toEqual({ scale: 2, color: 'rgb(255, 255, 0)' });
    await writeLine('Both pages hear this.');
    await expect.poll(() => log(second).textContent()).toContain('Both pages hear this.');
    expect(await axeViolations(second)).toEqual([]);
    await second.screenshot({ path: 'test-results/captions-only-page.png' });
    await attendee.screenshot({ path: 'test-results/captions-attendee.png', fullPage: true });
    await captioner.screenshot({ path: 'test-results/captions-console.png', fullPage: true });
    await second.close();
  });

  it('has no WCAG 2.2 A/AA violation with captions and the console', async () => {
    for (const page of [attendee, captioner]) {
      expect(await axeViolations(page)).toEqual([]);
    }
  });

  it('downloads a WebVTT transcript that a standard parser accepts', async () => {
    const [download] = await Promise.all([
      attendee.waitForEvent('download'),
      attendee.getByRole('link', { name: 'WebVTT' }).press('Enter'),
    ]);
    const text = readFileSync(await download.path(), 'utf8');
    const { cues, errors } = new WebVTTParser(ENTITIES).parse(text, 'metadata');
    expect(errors).toEqual([]);
    expect(cues[0]!.text).toBe('<v Sam Patel>AI changed how we schedule shifts.');
    expect(cues.map((c) => c.text)).toContain('<v Sam Patel>Captions do not need the media server.');
  });
});
