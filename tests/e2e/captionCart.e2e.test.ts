// Professional CART in the browser (issue 15): backspace corrections from captioning software, a
// committed line corrected from the console by keyboard, and two captioners handing off the pen,
// seen by a viewer, in real Chromium pages on a real server and LiveKit.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, focusedLine, focusProblems } from '../support/a11y.js';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { launchChromium } from '../support/browser.js';

const BS = '\u0008';
let app: AppProcess;
let browser: Browser;
let sessionId: string;
let cora: { page: Page; captionUrl: string };
let attendee: Page;

async function enter(role: 'captioner' | 'attendee', name: string) {
  const invite = await app.invite(sessionId, role, name);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(invite.url);
  await page.getByRole('button', { name: 'Join room' }).press('Enter');
  await page.getByRole('log', { name: 'Captions' }).waitFor();
  return { page, captionUrl: invite.captionUrl ?? '' };
}

const committed = (page: Page) =>
  page
    .getByRole('log', { name: 'Captions' })
    .locator('.caption-line:not(.caption-partial)')
    .allTextContents();
/** The polite region that reads committed lines and corrections to screen readers. */
const announced = (page: Page) =>
  page.locator('.caption-log [aria-live="polite"]').evaluate((el) => el.textContent ?? '');
/** What the console shows about the pen (not its status region, which tells the same once). */
const penShown = (page: Page) => page.locator('.pen-status > p:not([role])').textContent();
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return (el?.labels?.[0]?.textContent ?? el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim();
  });

let seq = 0;
const post = (url: string, text: string) =>
  fetch(`${url}&seq=${++seq}&lang=en-US`, { method: 'POST', body: text });

async function writeLine(page: Page, text: string) {
  const input = page.getByRole('textbox', { name: 'Caption input' });
  await input.focus();
  await input.pressSequentially(text, { delay: 10 });
  await input.press('Enter');
}

beforeAll(async () => {
  app = await startAppProcess(Number(process.env.E2E_PORT ?? 3000));
  browser = await launchChromium({ cameraFps: 5 });
  sessionId = (await app.createSession('CART session')).id;
  cora = await enter('captioner', 'Cora Diaz');
  attendee = (await enter('attendee', 'Alex Kim')).page;
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('professional CART', () => {
  it('C15-C17 backspaces across a line break correct the viewer’s line in place, told once', async () => {
    expect((await post(cora.captionUrl, 'I like catz\n')).status).toBe(200);
    await expect.poll(() => committed(attendee)).toEqual(['Moderator: I like catz']);
    expect((await post(cora.captionUrl, `${BS}${BS}s\n`)).status).toBe(200);
    await expect.poll(() => committed(attendee)).toEqual(['Moderator: I like cats']);
    await expect
      .poll(() => announced(attendee))
      .toBe('Moderator: I like catzLine corrected: Moderator: I like cats');
    // The viewer sees, quietly, how far behind the captioner the captions come.
    await attendee
      .getByText(/^Captions are (less than a second|about \d+ seconds?) behind the captioner\.$/)
      .waitFor();
    // Cora holds the pen now: her software wrote first.
    await expect.poll(() => penShown(cora.page)).toBe('You hold the pen for en-US.');
  });

  it('C18 the captioner corrects a committed line by keyboard; the viewer sees it in place, told once', async () => {
    const { page } = cora;
    await writeLine(page, 'We ned more training');
    await expect.poll(() => committed(attendee)).toContain('We ned more training');
    // Alt+R takes the newest of the console's own recent lines: wait until the console lists it.
    await page.getByRole('button', { name: 'Correct: We ned more training' }).waitFor();
    await page.keyboard.press('Alt+KeyR');
    const editor = page.getByRole('textbox', { name: 'Corrected text' });
    await expect.poll(() => editor.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await editor.inputValue()).toBe('We ned more training');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('We need more training');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedName(page)).toBe('Caption input');
    await page.getByRole('status').filter({ hasText: 'Line corrected.' }).waitFor({ state: 'attached' });
    await expect.poll(() => committed(attendee)).toEqual(['Moderator: I like cats', 'We need more training']);
    // The last three things told: a correction is told as one, and the line it corrects is not read again.
    await expect
      .poll(() => announced(attendee))
      .toBe(
        'Line corrected: Moderator: I like cats' +
          'We ned more training' +
          'Line corrected: Moderator: We need more training',
      );
    // The same act by button: Escape gives up and leaves the line as it was.
    await page.getByRole('button', { name: 'Correct: We need more training' }).press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => focusedName(page)).toBe('Caption input');
    expect(await page.getByRole('textbox', { name: 'Corrected text' }).count()).toBe(0);
    await page.keyboard.press('Alt+KeyR');
    await page.getByRole('textbox', { name: 'Corrected text' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/cart-correcting.png', fullPage: true });
    await page.keyboard.press('Escape');
  });

  it('the captioner names the speaker by shortcut; the caption input stays in view as the console scrolls', async () => {
    const { page } = cora;
    await page.getByRole('textbox', { name: 'Caption input' }).focus();
    await page.keyboard.press('Alt+KeyU');
    await page
      .getByRole('status')
      .filter({ hasText: 'Speaker: Unidentified.' })
      .waitFor({ state: 'attached' });
    await writeLine(page, 'A question from off mic.');
    await expect.poll(() => committed(attendee)).toContain('Unidentified: A question from off mic.');
    await page.keyboard.press('Alt+KeyP');
    await writeLine(page, 'Back to the floor.');
    await expect.poll(() => committed(attendee)).toContain('Moderator: Back to the floor.');
    // The console's last control, with its shortcuts open: the panel scrolls, the input stays.
    await page.getByText('Console shortcuts').click();
    await page.getByRole('button', { name: 'Copy caption URL' }).focus();
    await page.keyboard.press('End');
    const inView = () =>
      page.getByRole('textbox', { name: 'Caption input' }).evaluate((el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return r.top >= 0 && r.bottom <= window.innerHeight && hit === el;
      });
    await expect.poll(inView).toBe(true);
    await page.screenshot({ path: 'test-results/cart-console-scrolled.png' });
    await page.getByText('Console shortcuts').click();
  });

  it('A26 A27 A29 a second captioner takes over: the first is told, refused, and nothing of theirs is interleaved', async () => {
    const dee = await enter('captioner', 'Dee Park');
    await expect.poll(() => penShown(dee.page)).toBe('Cora Diaz holds the pen for en-US.');
    expect(await axeViolations(dee.page)).toEqual([]);
    expect(await focusProblems(dee.page)).toEqual([]);
    await dee.page.getByRole('button', { name: 'Take over' }).press('Enter');
    await expect.poll(() => penShown(dee.page)).toBe('You hold the pen for en-US.');
    // The button is gone: focus is on the line that says Dee holds the pen, drawn visibly, and a
    // screen reader is still told once.
    await expect
      .poll(() => focusedLine(dee.page))
      .toEqual({
        tag: 'P',
        text: 'You hold the pen for en-US.',
        outlined: true,
      });
    await dee.page
      .getByRole('status')
      .filter({ hasText: 'You hold the pen for en-US.' })
      .waitFor({ state: 'attached' });
    await dee.page.screenshot({ path: 'test-results/cart-took-over-focus.png' });
    // Cora's console says so, and tells a screen reader once.
    await expect.poll(() => penShown(cora.page)).toBe('Dee Park holds the pen for en-US.');
    await cora.page
      .getByRole('status')
      .filter({ hasText: 'Dee Park holds the pen for en-US.' })
      .waitFor({ state: 'attached' });
    expect(await cora.page.getByRole('button', { name: 'Take over' }).isVisible()).toBe(true);

    await writeLine(cora.page, 'Cora keeps typing');
    await cora.page.getByRole('alert').filter({ hasText: 'Another captioner holds the pen' }).waitFor();
    expect((await post(cora.captionUrl, 'from Cora’s software\n')).status).toBe(409);
    await writeLine(dee.page, 'Dee writes now.');
    await expect.poll(() => committed(attendee)).toContain('Dee writes now.');
    expect((await committed(attendee)).join(' ')).not.toMatch(/Cora keeps typing|Cora’s software/);
    await cora.page.screenshot({ path: 'test-results/cart-pen-lost.png', fullPage: true });
    await dee.page.screenshot({ path: 'test-results/cart-pen-taken.png', fullPage: true });
    await dee.page.context().close();
  });

  it('the viewer is told once that captions paused when the captioner writing drops, and when they resume', async () => {
    // Dee, who holds the pen, closed her page above: a few seconds without a word, and it is said.
    const paused = attendee
      .getByRole('status')
      .filter({ hasText: 'Captions paused: the captioner is reconnecting.' });
    await paused.waitFor({ timeout: 20_000 });
    expect(await axeViolations(attendee)).toEqual([]);
    await attendee.screenshot({ path: 'test-results/cart-paused.png' });
    await cora.page.getByRole('button', { name: 'Take over' }).press('Enter');
    await expect.poll(() => penShown(cora.page)).toBe('You hold the pen for en-US.');
    await writeLine(cora.page, 'Cora is back.');
    await expect.poll(() => committed(attendee)).toContain('Cora is back.');
    await paused.waitFor({ state: 'detached' });
  });
});
