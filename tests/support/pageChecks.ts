import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeViolations, focusProblems } from './a11y.js';

/**
 * What every new page owes (soft, so one run lists every finding): axe and the focus walk at zero,
 * screenshots at 1280 and 320 px into test-results/ to be looked at, and no sideways scroll at 320.
 * The focus walk counts its own findings only, not the clicks and fills that brought the page here.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  expect.soft(await axeViolations(page), `axe on ${name}`).toEqual([]);
  await page.evaluate(() => {
    const seen = (window as unknown as { focusProblems?: string[] }).focusProblems;
    if (seen) seen.length = 0;
  });
  expect.soft(await focusProblems(page), `focus on ${name}`).toEqual([]);
  await page.screenshot({ path: `test-results/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 320, height: 800 });
  await page.screenshot({ path: `test-results/${name}-320.png`, fullPage: true });
  expect
    .soft(await page.evaluate(() => document.documentElement.scrollWidth), `reflow of ${name}`)
    .toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 1280, height: 800 });
}
