// What bench:caption-paint prints: the clock check, a table per pace (each kind of viewer, OpenFloor
// beside the relay, with max, n and where the time went), how the captioner's page sent, and the
// figures for `npm run bench`, each beside the relay's in the same run.
import type { Pace } from './captionPaintRun.js';
import type { ClockCheck } from './captionPaintRun.js';
import { median, stepMedians, type ConsoleStats, type KindResult } from './captionPaintStats.js';
import { percentile, type Figure } from './report.js';

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1).padStart(7) : '      —');
const round = (n: number) => (Number.isFinite(n) ? Math.round(n * 10) / 10 : NaN);
const cols = (heads: string[]) => heads.map((h, i) => h.padStart(i === 3 ? 6 : 7)).join('');

export function printClocks(clock: ClockCheck): void {
  const spread = Math.max(...clock.offsets) - Math.min(...clock.offsets);
  const within = Math.max(...clock.roundTrips) / 2;
  console.log(
    `Clocks: performance.timeOrigin + now() of the ${clock.offsets.length} pages against this process's, ` +
      `read 20 times each: the offsets differ by ${spread.toFixed(2)} ms at most, each known to ± ${within.toFixed(2)} ms.`,
  );
}

export function printHeader(): void {
  const stat = ['p50', 'p95', 'max', 'n'];
  console.log(
    `\n${''.padEnd(30)}${'keystroke → painted (ms)'.padEnd(34)}${'Enter → line painted (ms)'.padEnd(34)}median step (ms)`,
  );
  console.log(
    `${'target, pace'.padEnd(16)}${'viewer'.padEnd(14)}${cols(stat)}  ${cols(stat)}  ` +
      `${['send', 'deliver', 'render', 'paint'].map((h) => h.padStart(8)).join('')}`,
  );
}

export function printKinds(name: string, pace: Pace, kinds: KindResult[]): void {
  const row = (xs: number[]) =>
    `${fmt(percentile(xs, 50))}${fmt(percentile(xs, 95))}${fmt(Math.max(...xs))}${String(xs.length).padStart(6)}`;
  for (const k of kinds) {
    const steps = stepMedians(k.stages);
    const off =
      k.missing || k.mismatches ? `  (${k.missing} never painted, ${k.mismatches} views off-script)` : '';
    console.log(
      `${`${name}, ${pace}`.padEnd(16)}${k.kind.padEnd(14)}${row(k.partial)}  ${row(k.committed)}  ` +
        `${[steps.send, steps.deliver, steps.render, steps.paint].map((s) => ` ${fmt(s)}`).join('')}${off}`,
    );
  }
}

export function printConsole(name: string, pace: Pace, s: ConsoleStats): void {
  const answers = s.answers.length
    ? `, answered in p50 ${median(s.answers).toFixed(1)} / p95 ${percentile(s.answers, 95).toFixed(1)} / max ` +
      `${Math.max(...s.answers).toFixed(1)} ms; ${s.waited} sent the moment the previous answer came`
    : '';
  console.log(`  ${name}, ${pace}: the captioner's page sent ${s.perSecond.toFixed(1)} frames/s${answers}`);
}

export function figuresOf(pace: Pace, prefix: string, openFloor: KindResult[], relay: KindResult): Figure[] {
  const figure = (metric: string, of: number[], base: number[], p: number): Figure => ({
    metric: `${prefix}${metric}, p${p}`,
    value: round(percentile(of, p)),
    unit: 'ms',
    baseline: round(percentile(base, p)),
  });
  const figures: Figure[] = [];
  for (const k of openFloor) {
    for (const p of [50, 95])
      figures.push(figure(`keystroke → painted, ${k.kind}`, k.partial, relay.partial, p));
    for (const p of [50, 95])
      figures.push(figure(`Enter → line painted, ${k.kind}`, k.committed, relay.committed, p));
  }
  const sent = openFloor[0]!.stages.sent.filter(Number.isFinite);
  const relaySent = relay.stages.sent.filter(Number.isFinite);
  for (const p of [50, 95]) figures.push(figure('keystroke → sent by the console', sent, relaySent, p));
  return figures;
}
