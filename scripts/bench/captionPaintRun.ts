// One run of bench:caption-paint on a target: a warm-up line every viewer must show (connections
// made and upgraded, code warm), then the script typed with playwright's keyboard at a CART pace
// (an even stream of keystrokes) or a steno writer's (each word sent at once, a word per slot),
// then every page's records. Also the clock check: every page's clock against this process's.
import type { Page } from 'playwright-core';
import { pageNow, regionView, takeRecords, type ProbeRecords } from './captionPaintProbe.js';
import type { PaintTarget } from './captionPaintTargets.js';

export type Pace = 'cart' | 'steno';

/** Keystrokes per word at a words-per-minute rate (five letters and a space, as typists count). */
const KEYS_PER_WORD = 6;
const WARM_UP_TRIES = 3;
const SHOWN_TIMEOUT_MS = 10_000;
/** After the last line is shown: time for the message that follows each paint to run. */
const SETTLE_MS = 300;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const now = () => performance.timeOrigin + performance.now();

/** What a run collected: the captioner's records, each viewer's, and the lines committed before it. */
export interface RunRecords {
  captioner: ProbeRecords;
  viewers: { kind: PaintTarget['viewers'][number]['kind']; records: ProbeRecords; base: number }[];
}

/** Resolves once every viewer shows `count` committed lines, the last one `text`; false on timeout. */
async function allShow(
  target: PaintTarget,
  count: number,
  text: string,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const views = await Promise.all(target.viewers.map((v) => regionView(v.page)));
    if (views.every((v) => v !== null && v[0] >= count && v[1].trim() === text)) return true;
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
}

/** The units typed at one slot each: single keystrokes (CART), or words with their leading space (steno). */
function unitsOf(line: string, pace: Pace): string[] {
  const units = pace === 'cart' ? [...line] : line.split(' ').map((w, i) => (i === 0 ? w : ` ${w}`));
  return [...units, 'Enter'];
}

async function typeLines(page: Page, lines: readonly string[], pace: Pace, wpm: number): Promise<void> {
  const slotMs = pace === 'cart' ? 60_000 / (wpm * KEYS_PER_WORD) : 60_000 / wpm;
  let due = performance.now();
  for (const line of lines) {
    for (const unit of unitsOf(line, pace)) {
      await sleep(due - performance.now());
      if (unit === 'Enter') await page.keyboard.press('Enter');
      // A steno writer's word comes at once: its keys are sent without waiting for each other.
      else await Promise.all([...unit].map((c) => page.keyboard.type(c)));
      due += slotMs;
    }
  }
}

/** Types the warm-up and the script on `target`'s captioner; every page's records of the script. */
export async function runScript(
  target: PaintTarget,
  lines: readonly string[],
  pace: Pace,
  wpm: number,
): Promise<RunRecords> {
  await target.input.focus();
  const before = (await regionView(target.viewers[0]!.page))?.[0] ?? 0;
  let warmed = false;
  for (let i = 1; i <= WARM_UP_TRIES && !warmed; i++) {
    const text = `Warm-up line ${i} for ${pace}.`;
    await target.captioner.keyboard.type(text);
    await target.captioner.keyboard.press('Enter');
    warmed = await allShow(target, before + i, text, 5000);
  }
  if (!warmed) throw new Error(`${target.name}: the viewers did not all show the warm-up lines.`);
  await sleep(SETTLE_MS);
  const bases = await Promise.all(target.viewers.map(async (v) => (await regionView(v.page))![0]));
  await Promise.all([target.captioner, ...target.viewers.map((v) => v.page)].map(takeRecords));

  await typeLines(target.captioner, lines, pace, wpm);
  const shown = await allShow(target, Math.max(...bases) + lines.length, lines.at(-1)!, SHOWN_TIMEOUT_MS);
  if (!shown)
    console.warn(`${target.name}: not every viewer showed the last line within ${SHOWN_TIMEOUT_MS} ms.`);
  await sleep(SETTLE_MS);
  return {
    captioner: await takeRecords(target.captioner),
    viewers: await Promise.all(
      target.viewers.map(async (v, i) => ({
        kind: v.kind,
        records: await takeRecords(v.page),
        base: bases[i]!,
      })),
    ),
  };
}

export interface ClockCheck {
  /** Each page's clock minus this process's, ms (the reading with the shortest round trip). */
  offsets: number[];
  /** The round trip of that reading, ms: the offset is known to within half of it. */
  roundTrips: number[];
}

/** Reads every page's clock 20 times between two readings of this process's clock. */
export async function checkClocks(pages: Page[]): Promise<ClockCheck> {
  const offsets: number[] = [];
  const roundTrips: number[] = [];
  for (const page of pages) {
    let best = { rtt: Infinity, offset: NaN };
    for (let i = 0; i < 20; i++) {
      const before = now();
      const read = await pageNow(page);
      const after = now();
      if (after - before < best.rtt) best = { rtt: after - before, offset: read - (before + after) / 2 };
    }
    offsets.push(best.offset);
    roundTrips.push(best.rtt);
  }
  return { offsets, roundTrips };
}
