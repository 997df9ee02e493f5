import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const FIGURES_PATH = 'test-results/e2e-figures.json';

/**
 * Adds measured figures to test-results/e2e-figures.json, keeping what other test files wrote
 * there: browser test files run one after another, and the last must not erase the others'.
 */
export function saveFigures(figures: Record<string, unknown>, path = FIGURES_PATH): void {
  let before: Record<string, unknown> = {};
  if (existsSync(path)) {
    try {
      before = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch {
      // A file cut short by an interrupted run: start again.
    }
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify({ ...before, ...figures }, null, 2));
}
