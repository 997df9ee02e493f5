import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** The axe rule tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** axe-core's WCAG A/AA violations on the page as it is now, one readable line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/** What a screen reader would announce as the focused element's name, roughly (label, text, aria-label). */
function focusedName(): string {
  const el = document.activeElement as HTMLInputElement | null;
  const label = el && 'labels' in el ? [...(el.labels ?? [])].map((l) => l.textContent).join(' ') : '';
  const own = el instanceof HTMLSelectElement ? '' : (el?.textContent ?? '');
  return `${label} ${own} ${el?.getAttribute('aria-label') ?? ''}`;
}

/** Presses Tab until the focused element's name matches: the keyboard only, as a person would. */
export async function tabTo(page: Page, name: RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (name.test(await page.evaluate(focusedName))) return;
  }
  throw new Error(`Tab never reached ${name}`);
}
