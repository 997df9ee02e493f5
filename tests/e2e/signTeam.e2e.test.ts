// Issue 15, interpreting teams, in Chromium on a real LiveKit server: a Deaf interpreter (CDI) on
// the stage takes a feed from the hearing interpreter on standby (their signing, large, at the top
// simulcast layer, received only by the team), and the standby interpreter receives the active one
// and the floor at the top layer too. axe and the focus walk stay at zero on the feed's controls;
// "Take over" leaves focus on the line that says the interpreter is now on the stage.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, focusedLine, focusProblems, tabTo } from '../support/a11y.js';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { launchChromium, openRoom } from '../support/browser.js';
import { sampleRemoteVideo } from '../support/media.js';

const ARTIFACTS = 'test-results';
const TOP_LAYER = 2; // VideoQuality.HIGH

let app: AppProcess;
let browser: Browser;
let sessionId: string;
const pages = {} as Record<'moderator' | 'ana' | 'dana' | 'alex', Page>;
const ids = { moderator: '', ana: '', dana: '' };

const open = (url: string) => openRoom(browser, url);

/** Frames the page decodes of a participant's camera, and the layer it asks for, over two samples. */
async function receiving(page: Page, identity: string) {
  const first = await sampleRemoteVideo(page, identity);
  await page.waitForTimeout(1500);
  const then = await sampleRemoteVideo(page, identity);
  return {
    layer: then?.requestedQuality ?? -1,
    decoding: (then?.framesDecoded ?? 0) > (first?.framesDecoded ?? 0),
  };
}

beforeAll(async () => {
  app = await startAppProcess(Number(process.env.E2E_PORT ?? 3000));
  browser = await launchChromium({ cameraFps: 15 });
  sessionId = (await app.createSession('Hearing on AI at work')).id;
  const invite = async (role: 'moderator' | 'interpreter', name: string) => {
    const link = await app.invite(sessionId, role, name);
    return { id: link.id, page: await open(link.url) };
  };
  const moderator = await invite('moderator', 'Morgan Lee');
  const ana = await invite('interpreter', 'Ana Ruiz');
  const dana = await invite('interpreter', 'Dana Brooks');
  Object.assign(ids, { moderator: moderator.id, ana: ana.id, dana: dana.id });
  Object.assign(pages, { moderator: moderator.page, ana: ana.page, dana: dana.page });
  pages.alex = await open((await app.invite(sessionId, 'attendee', 'Alex Kim')).url);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('an interpreting team with a Deaf interpreter', () => {
  it('the Deaf interpreter takes the stage and a feed from the hearing interpreter on standby', async () => {
    const dana = pages.dana;
    // An interpreter's side panel opens on the team.
    await dana.getByRole('button', { name: 'Take over' }).press('Enter');
    await pages.alex.getByRole('figure', { name: 'ASL interpreter: Dana Brooks' }).waitFor();
    // The button is gone: focus is on the line that says what replaced it, not lost on the page's
    // body, drawn visibly, and the hand-off is still announced.
    await expect
      .poll(() => focusedLine(dana))
      .toEqual({
        tag: 'P',
        text: 'You are the ASL interpreter on the stage.',
        outlined: true,
      });
    expect(await dana.getByRole('button', { name: 'Take over' }).count()).toBe(0);
    await dana.screenshot({ path: `${ARTIFACTS}/sign-team-took-over-focus-1280.png` });
    await dana
      .locator('[aria-live="polite"]')
      .filter({ hasText: 'Dana Brooks is now the ASL interpreter' })
      .waitFor({ state: 'attached' });

    await tabTo(dana, /^\s*Show Ana Ruiz as my feed\s*$/);
    await dana.keyboard.press('Enter');
    await dana.getByText('Ana Ruiz is your feed').waitFor({ state: 'attached' });
    const show = dana.getByRole('button', { name: 'Show Ana Ruiz as my feed' });
    expect(await show.getAttribute('aria-pressed')).toBe('true');
    const feed = dana.getByRole('figure', { name: 'Feed: Ana Ruiz' });
    await feed.waitFor();
    // The feed is the top layer, decoding: the hearing interpreter's signing at full quality.
    await expect
      .poll(() => receiving(dana, ids.ana), { timeout: 30_000 })
      .toEqual({ layer: TOP_LAYER, decoding: true });
    const box = (await feed.boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    // Nobody else is shown the standby: the public's page holds no track of Ana's.
    expect(await pages.alex.getByText('Ana Ruiz').count()).toBe(0);
    await dana.screenshot({ path: `${ARTIFACTS}/sign-team-cdi-feed-1280.png` });
    expect(await axeViolations(dana)).toEqual([]);
    expect(await focusProblems(dana, 40)).toEqual([]);
  });

  it('the standby interpreter receives the active one and the floor at the top layer', async () => {
    const ana = pages.ana;
    await ana.getByRole('figure', { name: 'ASL interpreter: Dana Brooks' }).waitFor();
    await expect
      .poll(() => receiving(ana, ids.dana), { timeout: 30_000 })
      .toEqual({ layer: TOP_LAYER, decoding: true });
    await expect
      .poll(() => receiving(ana, ids.moderator), { timeout: 30_000 })
      .toEqual({ layer: TOP_LAYER, decoding: true });
  });

  it('choosing the feed again puts it away', async () => {
    const dana = pages.dana;
    await dana.getByRole('button', { name: 'Show Ana Ruiz as my feed' }).press('Enter');
    await dana.getByText('No feed').waitFor({ state: 'attached' });
    await dana.getByRole('figure', { name: 'Feed: Ana Ruiz' }).waitFor({ state: 'detached' });
  });
});
