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
  await screenshots(page, name, { soft: true });
}

/** The page at 1280x800 and at 320 px wide, into test-results/ to be looked at; no sideways scroll at 320. */
export async function screenshots(page: Page, name: string, { soft = false } = {}): Promise<void> {
  await page.screenshot({ path: `test-results/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 320, height: 800 });
  await page.screenshot({ path: `test-results/${name}-320.png`, fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  (soft ? expect.soft(width, `reflow of ${name}`) : expect(width, `reflow of ${name}`)).toBeLessThanOrEqual(
    320,
  );
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Where a field's description (hint and error) points, as a screen reader reads it. */
export const describedText = (page: Page, label: string | RegExp): Promise<string> =>
  page.getByLabel(label).evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

/**
 * Waits for a page's heading; when it does not come, says what the page shows instead (its path
 * and text), so that a failure on CI, where only the message is kept, says where the page was.
 */
export async function headingShown(page: Page, name: string): Promise<void> {
  try {
    await page.getByRole('heading', { name }).waitFor();
  } catch (err) {
    const shown = await page
      .evaluate(() => `${location.pathname}: ${document.body.innerText.replace(/\s+/g, ' ').slice(0, 300)}`)
      .catch((e: unknown) => `the page could not be read (${String(e)})`);
    throw new Error(`No heading "${name}"; the page shows ${shown}`, { cause: err });
  }
}

/** Fills a field found by its label, from the keyboard. */
export async function typeInto(page: Page, label: string | RegExp, text: string): Promise<void> {
  await page.getByLabel(label).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}
