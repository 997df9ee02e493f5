// Issue 15, "Viewer control of the signer": a viewer resizes the interpreter (a third, half, two
// thirds of the stage, and full screen) and moves them (left, right, above), by keyboard, in
// Chromium on a real LiveKit server. The boxes are measured in each arrangement: the interpreter
// never takes less than a third of the stage's width and nothing covers them; the choice survives a
// reload; at 320 px the slots stack with the interpreter first. axe and the focus walk stay at zero.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InviteRole } from '../../shared/roles.js';
import { axeViolations, focusProblems, tabTo } from '../support/a11y.js';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { joinRoom, launchChromium } from '../support/browser.js';

const ARTIFACTS = 'test-results';
const WIDE = { width: 1280, height: 800 };
const MODERATOR = 'Morgan Lee';
const INTERPRETER = 'Ana Ruiz';
// Sub-pixel layout: a box measured in whole pixels may fall this short of an exact share.
const ROUNDING_PX = 1;

let app: AppProcess;
let browser: Browser;
let sessionId: string;
let viewer: Page;

async function enter(role: InviteRole, name: string): Promise<{ page: Page; url: string }> {
  const { url } = await app.invite(sessionId, role, name);
  const page = await (await browser.newContext({ viewport: WIDE })).newPage();
  await page.goto(url);
  await joinRoom(page);
  return { page, url };
}

const tiles = (page: Page) => ({
  stage: page.getByRole('region', { name: 'Stage', exact: true }),
  floor: page.getByRole('figure', { name: `Moderator: ${MODERATOR}` }),
  interpreter: page.getByRole('figure', { name: `ASL interpreter: ${INTERPRETER}` }),
});

/**
 * The stage as the viewer sees it: each box, and whether anything is drawn over the interpreter
 * (the centre and four points near the corners of their tile must hit the tile itself).
 */
async function measure(page: Page) {
  const { stage, floor, interpreter } = tiles(page);
  const [s, f, i] = [await stage.boundingBox(), await floor.boundingBox(), await interpreter.boundingBox()];
  const covered = await interpreter.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const points: [number, number][] = [
      [0.5, 0.5],
      [0.1, 0.1],
      [0.9, 0.1],
      [0.1, 0.9],
      [0.9, 0.9],
    ];
    return points.filter(([x, y]) => {
      const hit = document.elementFromPoint(r.left + r.width * x, r.top + r.height * y);
      return !hit || !el.contains(hit);
    }).length;
  });
  return { stage: s!, floor: f!, interpreter: i!, covered };
}

/** The guarantees, whatever the arrangement: a third of the stage at least, in view, uncovered. */
async function expectGuarantees(page: Page, label: string) {
  const m = await measure(page);
  expect
    .soft(m.interpreter.width, `${label}: at least a third`)
    .toBeGreaterThanOrEqual(m.stage.width / 3 - ROUNDING_PX);
  expect.soft(m.covered, `${label}: nothing over the interpreter`).toBe(0);
  const viewport = page.viewportSize()!;
  expect
    .soft(m.interpreter.y + m.interpreter.height, `${label}: in view`)
    .toBeLessThanOrEqual(viewport.height);
  const captions = (await page.getByRole('log', { name: 'Captions' }).boundingBox())!;
  expect
    .soft(captions.y, `${label}: captions below the stage`)
    .toBeGreaterThanOrEqual(m.stage.y + m.stage.height);
  return m;
}

const radio = (page: Page, name: string) => page.getByRole('radio', { name, exact: true });
const announced = (page: Page, text: string) => page.getByText(text).waitFor({ state: 'attached' });

beforeAll(async () => {
  app = await startAppProcess(Number(process.env.E2E_PORT ?? 3000));
  browser = await launchChromium({ cameraFps: 5 });
  sessionId = (await app.createSession('Sign language on the stage')).id;
  await enter('moderator', MODERATOR);
  await enter('interpreter', INTERPRETER);
  ({ page: viewer } = await enter('attendee', 'Alex Kim'));
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('a viewer resizes and moves the interpreter', () => {
  it('by keyboard: a third, half, two thirds; left, right, above; every box measured', async () => {
    await tabTo(viewer, /^\s*Settings\s*$/);
    await viewer.keyboard.press('Enter');
    await viewer.getByRole('region', { name: 'Settings' }).waitFor();
    expect(await radio(viewer, 'Half').isChecked()).toBe(true);
    expect(await radio(viewer, 'Right').isChecked()).toBe(true);
    let m = await expectGuarantees(viewer, 'half, right');
    expect(m.interpreter.x).toBeGreaterThan(m.floor.x + m.floor.width);
    expect(Math.abs(m.interpreter.width - m.floor.width)).toBeLessThanOrEqual(ROUNDING_PX);

    // Into the size group (focus lands on the checked radio), then the arrow keys choose.
    await tabTo(viewer, /^\s*Half\s*$/);
    await viewer.keyboard.press('ArrowRight');
    await announced(viewer, 'The interpreter takes two thirds of the stage');
    expect(await radio(viewer, 'Two thirds').isChecked()).toBe(true);
    m = await expectGuarantees(viewer, 'two thirds, right');
    expect(m.interpreter.width).toBeGreaterThan(1.9 * m.floor.width);
    await viewer.screenshot({ path: `${ARTIFACTS}/signer-two-thirds-right-1280.png` });

    await viewer.keyboard.press('ArrowLeft');
    await viewer.keyboard.press('ArrowLeft');
    await announced(viewer, 'The interpreter takes a third of the stage');
    m = await expectGuarantees(viewer, 'a third, right');
    expect(m.interpreter.width).toBeLessThan(m.floor.width);
    expect(m.interpreter.width).toBeLessThanOrEqual(m.stage.width / 3 + ROUNDING_PX);

    await tabTo(viewer, /^\s*Right\s*$/);
    await viewer.keyboard.press('ArrowLeft');
    await announced(viewer, 'The interpreter is on the left');
    m = await expectGuarantees(viewer, 'a third, left');
    expect(m.interpreter.x + m.interpreter.width).toBeLessThan(m.floor.x);
    await viewer.screenshot({ path: `${ARTIFACTS}/signer-third-left-1280.png` });

    await viewer.keyboard.press('ArrowRight');
    await viewer.keyboard.press('ArrowRight');
    await announced(viewer, 'The interpreter is above the floor');
    expect(await radio(viewer, 'Above').isChecked()).toBe(true);
    m = await expectGuarantees(viewer, 'a third, above');
    expect(m.interpreter.y + m.interpreter.height).toBeLessThanOrEqual(m.floor.y);
    // The page is the window's height: nothing scrolled to see the stage and the captions.
    expect(await viewer.evaluate(() => document.documentElement.scrollHeight <= innerHeight)).toBe(true);
    await viewer.screenshot({ path: `${ARTIFACTS}/signer-third-above-1280.png` });

    await tabTo(viewer, /^\s*A third\s*$/);
    await viewer.keyboard.press('ArrowRight');
    m = await expectGuarantees(viewer, 'half, above');
    expect(Math.abs(m.interpreter.width - m.stage.width / 2)).toBeLessThanOrEqual(ROUNDING_PX);
    expect(await axeViolations(viewer)).toEqual([]);
    expect(await focusProblems(viewer, 40)).toEqual([]);
  });

  it('keeps the choice across a reload', async () => {
    await viewer.reload();
    await joinRoom(viewer);
    const m = await expectGuarantees(viewer, 'after the reload');
    expect(m.interpreter.y + m.interpreter.height).toBeLessThanOrEqual(m.floor.y);
    expect(Math.abs(m.interpreter.width - m.stage.width / 2)).toBeLessThanOrEqual(ROUNDING_PX);
    await viewer.getByRole('button', { name: 'Settings', exact: true }).press('Enter');
    expect(await radio(viewer, 'Half').isChecked()).toBe(true);
    expect(await radio(viewer, 'Above').isChecked()).toBe(true);
  });

  it('at 320 px the slots stack, the interpreter first and full width, whatever was chosen', async () => {
    for (const [size, position] of [
      ['Two thirds', 'Left'],
      ['A third', 'Right'],
      ['Half', 'Above'],
    ] as const) {
      await viewer.setViewportSize(WIDE);
      await radio(viewer, size).check();
      await radio(viewer, position).check();
      await viewer.setViewportSize({ width: 320, height: 640 });
      await viewer.evaluate(() => window.scrollTo(0, 0));
      const { stage, floor, interpreter } = await measure(viewer);
      const label = `${size}, ${position} at 320 px`;
      expect.soft(interpreter.y + interpreter.height, label).toBeLessThanOrEqual(floor.y);
      expect.soft(Math.abs(interpreter.width - stage.width), label).toBeLessThanOrEqual(ROUNDING_PX);
      expect.soft(interpreter.y + interpreter.height, label).toBeLessThanOrEqual(640);
      expect
        .soft(await viewer.evaluate(() => document.documentElement.scrollWidth <= innerWidth), label)
        .toBe(true);
    }
    await viewer.screenshot({ path: `${ARTIFACTS}/signer-above-320.png`, fullPage: true });
    await viewer.setViewportSize(WIDE);
  });

  it('full screen by keyboard, with a visible way back, Escape too, and focus returned', async () => {
    const { interpreter } = tiles(viewer);
    const opener = viewer.getByRole('button', { name: 'Interpreter full screen' });
    const exit = viewer.getByRole('button', { name: 'Exit full screen' });
    const fullScreenId = () => viewer.evaluate(() => document.fullscreenElement?.id ?? null);

    await opener.focus();
    await viewer.keyboard.press('Enter');
    await expect.poll(fullScreenId).toBe('stage-interpreter');
    await exit.waitFor();
    await announced(viewer, 'The interpreter fills the screen.');
    expect(await exit.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = (await interpreter.boundingBox())!;
    const bar = (await exit.boundingBox())!;
    // The picture takes the screen, and the way back sits below it, not over the hands.
    expect(box.height).toBeGreaterThan(WIDE.height * 0.75);
    expect(bar.y).toBeGreaterThanOrEqual(box.y + box.height);
    expect(bar.y + bar.height).toBeLessThanOrEqual(WIDE.height);
    await viewer.screenshot({ path: `${ARTIFACTS}/signer-full-screen-1280.png` });
    expect(await axeViolations(viewer)).toEqual([]);

    await viewer.keyboard.press('Enter');
    await expect.poll(fullScreenId).toBe(null);
    await announced(viewer, 'The interpreter is back on the stage');
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
    await exit.waitFor({ state: 'hidden' });

    await viewer.keyboard.press('Enter');
    await expect.poll(fullScreenId).toBe('stage-interpreter');
    await exit.waitFor();
    await viewer.keyboard.press('Escape');
    await expect.poll(fullScreenId).toBe(null);
    await expectGuarantees(viewer, 'after full screen');
  });
});
