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

/**
 * Installs a focus listener that records, for every element focused from now on, whether focus is
 * visible: on screen, not covered by anything (2.4.11), and drawn with an outline (2.4.7).
 */
function watchFocus(): void {
  const w = window as unknown as { focusProblems?: string[] };
  if (w.focusProblems) return;
  const problems: string[] = [];
  w.focusProblems = problems;
  const report = (problem: string) => problems.includes(problem) || problems.push(problem);
  document.addEventListener('focusin', (event) => {
    const el = event.target as HTMLElement;
    requestAnimationFrame(() => {
      if (document.activeElement !== el) return;
      const r = el.getBoundingClientRect();
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
      const label = `${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''} "${name}"`;
      if (r.width === 0 || r.height === 0) return report(`${label} is focused but has no size`);
      if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) {
        return report(`${label} is focused off screen`);
      }
      const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
      const top = document.elementFromPoint(x, y);
      if (top && !el.contains(top) && !top.contains(el) && !top.closest('label')?.contains(el)) {
        return report(`${label} is covered by ${top.tagName.toLowerCase()}.${top.className}`);
      }
      const s = getComputedStyle(el);
      if (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2)
        report(`${label} shows no focus outline`);
    });
  });
}

/**
 * Tabs through the first `stops` focusable elements from the top of the page and returns every
 * one that was focused without being visible: off screen, covered, or without an outline.
 */
export async function focusProblems(page: Page, stops = 40): Promise<string[]> {
  await page.evaluate(watchFocus);
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  for (let i = 0; i < stops; i++) await page.keyboard.press('Tab');
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve) =>
        requestAnimationFrame(() =>
          resolve((window as unknown as { focusProblems: string[] }).focusProblems),
        ),
      ),
  );
}

/**
 * The accessible tree of the page as Playwright's aria snapshot (what a screen reader is given),
 * with the parts that change from run to run (ids, signed tokens) replaced by placeholders.
 */
export async function ariaTree(page: Page, selector = 'body'): Promise<string> {
  const yaml = await page.locator(selector).ariaSnapshot();
  return `${yaml
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '<token>')
    // Ids are 16 base64url characters (server/store/repo.ts); words of 16 letters keep one case.
    .replace(/(?<![\w-])[\w-]{16}(?![\w-])/g, (m) =>
      /[0-9_-]|[a-z].*[A-Z]|[A-Z].*[a-z]{2}.*[A-Z]/.test(m) ? '<id>' : m,
    )
    .replace(/127\.0\.0\.1:\d+/g, 'HOST')}\n`;
}

/**
 * The focused element as a keyboard user meets it: its tag, its text, and whether it is drawn with a
 * focus outline. After a control that goes away is pressed, it tells where focus went.
 */
export function focusedLine(page: Page): Promise<{ tag: string; text: string; outlined: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const style = el ? getComputedStyle(el) : null;
    return {
      tag: el?.tagName ?? '',
      text: el?.textContent?.trim() ?? '',
      outlined: Boolean(style && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2),
    };
  });
}
