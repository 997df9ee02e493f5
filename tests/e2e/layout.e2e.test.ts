// Issue 18, "The room": the room in regions that stay put (the stage and the captions in one
// column, the role's side panel, a control bar at the bottom), in Chromium on a real LiveKit
// server. At 1280x800 every role's main act and the whole stage are in view without scrolling; at
// 320 px and at 400% zoom the interpreter comes first; the side panel switches and closes by
// keyboard; and a standby interpreter is shown to the team but not to the public.
import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InviteRole } from '../../shared/roles.js';
import { axeViolations, focusProblems, tabTo } from '../support/a11y.js';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { launchChromium } from '../support/browser.js';

const ARTIFACTS = 'test-results';
const WIDE = { width: 1280, height: 800 };
const NAMES = {
  moderator: 'Morgan Lee',
  interpreter: 'Ana Ruiz',
  captioner: 'Cam Jones',
  speaker: 'Sam Patel',
  attendee: 'Alex Kim',
} as const;
type Key = keyof typeof NAMES;

let app: AppProcess;
let browser: Browser;
let sessionId: string;
const pages = {} as Record<Key, Page>;

async function enter(role: InviteRole, name: string, viewport = WIDE): Promise<{ page: Page; id: string }> {
  const invite = await app.invite(sessionId, role, name);
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(invite.url);
  await page.getByRole('button', { name: 'Join room' }).press('Enter');
  await page.getByRole('region', { name: 'Stage' }).waitFor();
  await page
    .getByRole('banner')
    .getByRole('status')
    .filter({ hasText: /^Connected$/ })
    .waitFor();
  return { page, id: invite.id };
}

const stageTiles = (page: Page) => [
  page.getByRole('figure', { name: `Moderator: ${NAMES.moderator}` }),
  page.getByRole('figure', { name: `ASL interpreter: ${NAMES.interpreter}` }),
];

/**
 * Where the element is, and whether it is seen: inside the window, clear of the control bar (above
 * it, or one of its own buttons), and on top at its centre (nothing drawn over it). The page must
 * not have been scrolled to get there.
 */
async function inView(page: Page, target: Locator) {
  const box = (await target.boundingBox())!;
  const barRegion = page.getByRole('region', { name: 'Room controls' });
  const bar = (await barRegion.boundingBox())!;
  const inBar = (await barRegion.locator(target).count()) > 0;
  const viewport = page.viewportSize()!;
  const onTop = await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (el.contains(hit) || hit.contains(el));
  });
  return {
    inWindow:
      box.x >= 0 &&
      box.y >= 0 &&
      box.x + box.width <= viewport.width &&
      box.y + box.height <= viewport.height,
    clearOfBar: inBar || box.y + box.height <= bar.y,
    onTop,
    scrolled: await page.evaluate(() => window.scrollY),
  };
}

const SEEN = { inWindow: true, clearOfBar: true, onTop: true, scrolled: 0 };

beforeAll(async () => {
  app = await startAppProcess(Number(process.env.E2E_PORT ?? 3000));
  browser = await launchChromium({ cameraFps: 5 });
  sessionId = (await app.createSession('How AI is changing our work')).id;
  for (const key of Object.keys(NAMES) as Key[]) pages[key] = (await enter(key, NAMES[key])).page;
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the room in regions that stay put', () => {
  it("at 1280x800 each role's main act and the whole stage are in view, above the control bar", async () => {
    const moderatorStage = pages.moderator.getByRole('region', { name: 'Stage', exact: true });
    const stageBefore = await moderatorStage.boundingBox();
    await pages.speaker.getByRole('textbox', { name: 'Topic (optional)' }).fill('Night shifts');
    await pages.speaker.getByRole('button', { name: 'Raise hand' }).press('Enter');
    const queue = pages.moderator.getByRole('region', { name: 'Speaker queue' });
    await expect.poll(() => queue.getByRole('listitem').count()).toBe(1);
    // The queue grew in the side panel; the stage did not move.
    expect(await moderatorStage.boundingBox()).toEqual(stageBefore);

    const mainActs: [Key, Locator[]][] = [
      [
        'moderator',
        [
          pages.moderator.getByRole('button', { name: 'Next speaker' }),
          pages.moderator.getByRole('button', { name: `Give floor to ${NAMES.speaker}` }),
          queue,
        ],
      ],
      ['captioner', [pages.captioner.getByRole('textbox', { name: 'Caption input' })]],
      ['speaker', [pages.speaker.getByRole('button', { name: 'Lower hand' })]],
      ['attendee', [pages.attendee.getByRole('button', { name: 'Raise hand' })]],
      [
        'interpreter',
        [pages.interpreter.getByRole('figure', { name: `ASL interpreter: ${NAMES.interpreter}` })],
      ],
    ];
    for (const [key, acts] of mainActs) {
      const page = pages[key];
      for (const target of [...acts, ...stageTiles(page), page.getByRole('log', { name: 'Captions' })]) {
        expect.soft(await inView(page, target), `${key}: ${String(target)}`).toEqual(SEEN);
      }
      // Nothing to scroll: the page is the window's height, the regions scroll inside themselves.
      expect
        .soft(await page.evaluate(() => document.documentElement.scrollHeight <= innerHeight), key)
        .toBe(true);
      await page.screenshot({ path: `${ARTIFACTS}/layout-${key}-1280.png` });
    }
  });

  it('switches and closes the side panel by keyboard, focus going back to its switch', async () => {
    const page = pages.attendee;
    const interpreter = stageTiles(page)[1]!;
    const narrowWidth = (await interpreter.boundingBox())!.width;
    await tabTo(page, /^\s*Participants\s*$/);
    await page.keyboard.press('Enter');
    const participants = page.getByRole('region', { name: 'Participants' });
    await participants.waitFor();
    expect(await page.getByRole('region', { name: 'Queue and floor' }).count()).toBe(0);
    const participantsSwitch = page.getByRole('button', { name: 'Participants', exact: true });
    expect(await participantsSwitch.getAttribute('aria-pressed')).toBe('true');
    await page.getByText('Participants open').waitFor({ state: 'attached' });

    await tabTo(page, /Close panel/);
    await page.keyboard.press('Enter');
    await participants.waitFor({ state: 'hidden' });
    expect(await participantsSwitch.getAttribute('aria-pressed')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Participants');
    await page.getByText('Participants closed').waitFor({ state: 'attached' });
    // The stage takes the room the panel gave back.
    expect((await interpreter.boundingBox())!.width).toBeGreaterThan(narrowWidth);
    await page.screenshot({ path: `${ARTIFACTS}/layout-attendee-1280-no-panel.png` });

    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // the Settings switch, just after Participants
    await page.getByRole('region', { name: 'Settings' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Settings');
  });

  it('keeps the control bar at the bottom and the stage in place while the panel scrolls', async () => {
    const page = pages.attendee;
    const settings = page.getByRole('region', { name: 'Settings' });
    await settings.getByRole('button', { name: 'Caption settings' }).press('Enter');
    const bar = page.getByRole('region', { name: 'Room controls' });
    const stage = page.getByRole('region', { name: 'Stage', exact: true });
    const [barBefore, stageBefore] = [await bar.boundingBox(), await stage.boundingBox()];
    expect(barBefore!.y + barBefore!.height).toBe(WIDE.height);
    const scrolled = await settings.evaluate((el) => {
      const scroller = el.parentElement!;
      scroller.scrollTop = scroller.scrollHeight;
      return scroller.scrollTop;
    });
    expect(scrolled).toBeGreaterThan(0);
    expect(await bar.boundingBox()).toEqual(barBefore);
    expect(await stage.boundingBox()).toEqual(stageBefore);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/layout-attendee-1280-settings.png` });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('at 320 px wide every role sees the interpreter first, and nothing scrolls sideways', async () => {
    for (const key of Object.keys(NAMES) as Key[]) {
      const page = pages[key];
      await page.setViewportSize({ width: 320, height: 640 });
      await page.evaluate(() => window.scrollTo(0, 0));
      const [floor, interpreter] = stageTiles(page).map((l) => l.boundingBox());
      const [f, i] = [(await floor)!, (await interpreter)!];
      expect.soft(i.y, `${key}: interpreter above or level with the floor`).toBeLessThanOrEqual(f.y);
      expect.soft(i.y + i.height, `${key}: interpreter in view`).toBeLessThanOrEqual(640);
      expect
        .soft(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), key)
        .toBe(true);
      await page.screenshot({ path: `${ARTIFACTS}/layout-${key}-320.png`, fullPage: true });
      await page.setViewportSize(WIDE);
    }
  });

  it('at 400% zoom (320x256) the interpreter is in view on arrival and the bar covers nothing', async () => {
    const { page } = await enter('attendee', 'Lee Wong', { width: 320, height: 256 });
    const [floor, interpreter] = stageTiles(page);
    await interpreter!.waitFor();
    const i = (await interpreter!.boundingBox())!;
    expect(i.y).toBeLessThanOrEqual((await floor!.boundingBox())!.y);
    expect(i.y).toBeGreaterThanOrEqual(0);
    expect(i.y + i.height).toBeLessThanOrEqual(256);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    // Every Tab stop is visible, none hidden behind the control bar (WCAG 2.4.11).
    expect(await focusProblems(page, 30)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/layout-attendee-320x256.png`, fullPage: true });
    await page.context().close();
  });

  it('shows a standby interpreter to the team but not to the public, whose page cannot subscribe', async () => {
    const ben = await enter('interpreter', 'Ben Okafor');
    const moderator = pages.moderator;
    await moderator.getByRole('button', { name: 'Interpreters', exact: true }).press('Enter');
    const team = moderator.getByRole('region', { name: 'Interpreters' });
    const benTile = team.getByRole('figure', { name: 'ASL interpreter: Ben Okafor' });
    await benTile.waitFor();
    await expect
      .poll(() => benTile.locator('video').evaluate((v: HTMLVideoElement) => v.videoWidth), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    await team.getByRole('button', { name: 'Make Ben Okafor the active interpreter' }).waitFor();
    await ben.page.getByRole('button', { name: 'Take over' }).waitFor();

    const attendee = pages.attendee;
    await attendee.getByRole('button', { name: 'Participants', exact: true }).press('Enter');
    const people = attendee.getByRole('region', { name: 'Participants' });
    await people.getByText(`Captioner: ${NAMES.captioner}`).waitFor();
    expect(await attendee.getByText('Ben Okafor').count()).toBe(0);
    // LiveKit itself refuses the public Ben's tracks: the page is told "not allowed", holds none.
    const tracks = () =>
      attendee.evaluate((id) => {
        const p = window.openfloor!.room.remoteParticipants.get(id);
        return [...(p?.trackPublications.values() ?? [])].map((t) => `${t.kind} ${t.permissionStatus}`);
      }, ben.id);
    await expect
      .poll(tracks, { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['video not_allowed', 'audio not_allowed']));
    expect((await tracks()).filter((t) => !t.endsWith('not_allowed'))).toEqual([]);
    expect(await moderator.getByRole('region', { name: 'Participants' }).count()).toBe(0);
    await moderator.screenshot({ path: `${ARTIFACTS}/layout-moderator-1280-interpreters.png` });
    await ben.page.screenshot({ path: `${ARTIFACTS}/layout-interpreter-standby-1280.png` });
    expect(await inView(ben.page, ben.page.getByRole('button', { name: 'Take over' }))).toEqual(SEEN);
  });
});
