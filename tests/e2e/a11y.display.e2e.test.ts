// Issue 6: the room as people with low vision, motion sensitivity or Windows high contrast use it,
// and the attendee's own flow by keyboard alone (raise a hand with a topic, change the caption
// settings, open the captions-only page), in Chromium on a real LiveKit server.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InviteRole } from '../../shared/roles.js';
import { axeViolations, focusProblems, tabTo } from '../support/a11y.js';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { launchChromium } from '../support/browser.js';

let app: AppProcess;
let browser: Browser;
let sessionId: string;
let moderator: Page;

async function enter(role: InviteRole, name: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  await page.goto((await app.invite(sessionId, role, name)).url);
  await page.getByRole('button', { name: 'Join room' }).press('Enter');
  await page.getByRole('region', { name: 'Stage' }).waitFor();
  return page;
}

/** Whether the page scrolls sideways (1.4.10 Reflow forbids it at 320 CSS pixels). */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

beforeAll(async () => {
  app = await startAppProcess(Number(process.env.E2E_PORT ?? 3000));
  browser = await launchChromium({ cameraFps: 5 });
  sessionId = (await app.createSession('Reflow and contrast')).id;
  moderator = await enter('moderator', 'Morgan Lee');
  await enter('interpreter', 'Ana Ruiz');
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('zoom, forced colours, reduced motion and the attendee by keyboard', () => {
  it('at 400% zoom (320 CSS pixels wide) nothing scrolls sideways and the interpreter and captions stay', async () => {
    // 1280 x 1024 at 400% is 320 x 256 CSS pixels.
    const page = await enter('attendee', 'Alex Kim', { viewport: { width: 320, height: 256 } });
    const interpreter = page.getByRole('figure', { name: 'ASL interpreter: Ana Ruiz' });
    await interpreter.waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    // The interpreter keeps the full width (the slots stack), and its video is playing.
    const box = await interpreter.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(280);
    await expect
      .poll(() => interpreter.locator('video').evaluate((v: HTMLVideoElement) => v.videoWidth))
      .toBeGreaterThan(0);
    const captions = page.getByRole('log', { name: 'Captions' });
    await captions.scrollIntoViewIfNeeded();
    expect((await captions.boundingBox())?.width).toBeGreaterThanOrEqual(280);
    expect(await focusProblems(page, 30)).toEqual([]);
    await page.screenshot({ path: 'test-results/room-320px.png', fullPage: true });
    for (const path of ['/sessions', `/sessions/${sessionId}/register`, '/accessibility']) {
      await page.goto(`${app.url}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await scrollsSideways(page), path).toBe(false);
    }
    await page.context().close();
  });

  it('in forced colours (Windows high contrast) states stay visible and axe finds nothing', async () => {
    const page = await enter('attendee', 'Alex Kim', { forcedColors: 'active' });
    expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
    await page.getByRole('figure', { name: 'ASL interpreter: Ana Ruiz' }).waitFor();
    await page.getByRole('button', { name: 'Settings', exact: true }).press('Enter');
    const twoThirds = page.getByRole('radio', { name: 'Two thirds' });
    await twoThirds.press('Space');
    expect(await twoThirds.isChecked()).toBe(true);
    // A pressed toggle is told apart by more than a colour the system palette would overwrite.
    const toggle = page.getByRole('button', { name: 'Captions', exact: true });
    const background = () => toggle.evaluate((el) => getComputedStyle(el).backgroundColor);
    const pressed = await background();
    await toggle.press('Enter');
    expect(await background()).not.toBe(pressed);
    await toggle.press('Enter');
    expect(await axeViolations(page)).toEqual([]);
    expect(await focusProblems(page, 30)).toEqual([]);
    await page.screenshot({ path: 'test-results/room-forced-colors.png', fullPage: true });
    await page.context().close();
  });

  it('with reduced motion nothing in the room animates', async () => {
    const page = await enter('attendee', 'Alex Kim', { reducedMotion: 'reduce' });
    await page.getByRole('figure', { name: 'ASL interpreter: Ana Ruiz' }).waitFor();
    await page.getByRole('button', { name: 'Settings', exact: true }).press('Enter');
    await page.getByRole('radio', { name: 'Left' }).press('Space');
    await page.getByRole('button', { name: 'Caption settings' }).press('Enter');
    const moving = await page.evaluate(() => {
      const long = (value: string) => value.split(',').some((d) => parseFloat(d) > 0.01);
      const animated = [...document.querySelectorAll('*')].filter((el) => {
        const s = getComputedStyle(el);
        return (s.transitionProperty !== 'none' && long(s.transitionDuration)) || long(s.animationDuration);
      });
      return [
        ...animated.map((el) => el.tagName),
        ...document.getAnimations().map((a) => a.id || 'animation'),
      ];
    });
    expect(moving).toEqual([]);
    await page.context().close();
  });

  it('an attendee raises a hand with a topic, changes the caption settings and opens the captions page by keyboard', async () => {
    const page = await enter('attendee', 'Alex Kim');
    await tabTo(page, /Topic \(optional\)/);
    await page.keyboard.type('Night shifts and scheduling software');
    await page.keyboard.press('Alt+KeyY');
    await page.getByRole('button', { name: 'Lower hand' }).waitFor();
    await expect.poll(() => page.getByText('You are 1st in the queue').count()).toBe(1);
    const queue = moderator.getByRole('region', { name: 'Speaker queue' });
    await expect.poll(() => queue.textContent()).toContain('Night shifts and scheduling software');

    // The caption options are in the side panel's Settings.
    await tabTo(page, /^\s*Settings\s*$/);
    await page.keyboard.press('Enter');
    await tabTo(page, /^\s*Caption settings\s*$/);
    await page.keyboard.press('Enter');
    await tabTo(page, /Text size/);
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('slider', { name: 'Text size' }).getAttribute('aria-valuetext')).toBe('200%');
    await tabTo(page, /Open captions alone/);
    const [second] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('Enter')]);
    const log = second.getByRole('log', { name: 'Captions' });
    await log.waitFor();
    // The settings carry over: the second screen shows the captions at 200% too.
    const scale = await log.evaluate((el) => {
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
      return parseFloat(getComputedStyle(el).fontSize) / (1.25 * rem);
    });
    expect(scale).toBe(2);
    await page.keyboard.press('Alt+KeyY');
    await page.getByRole('button', { name: 'Raise hand' }).waitFor();
    await expect.poll(() => page.getByText('You are 1st in the queue').count()).toBe(0);
    await expect.poll(() => queue.textContent()).not.toContain('Night shifts and scheduling software');
  });
});
