// Where the media bench's time goes: each mark's median time from the click, over all runs, in order.
import type { Mark } from './mediaProbe.js';
import { percentile } from './report.js';

/** One run's marks: [whose page: what, ms from the click]. */
export type Timeline = Mark[];

export function printTimeline(title: string, runs: readonly Timeline[]): void {
  const byName = new Map<string, number[]>();
  for (const run of runs) {
    for (const [name, ms] of run) byName.set(name, [...(byName.get(name) ?? []), ms]);
  }
  const rows = [...byName.entries()]
    // Marks seen in under half of the runs are incidental (a late retry, an unrelated event).
    .filter(([, samples]) => samples.length * 2 >= runs.length)
    .map(([name, samples]) => ({
      name,
      p50: percentile(samples, 50),
      p95: percentile(samples, 95),
      n: samples.length,
    }))
    .sort((a, b) => a.p50 - b.p50);
  console.log(`\n${title}`);
  console.log(`${'p50'.padStart(8)}${'p95'.padStart(8)}  ${'runs'.padStart(4)}  mark`);
  for (const r of rows) {
    console.log(
      `${r.p50.toFixed(0).padStart(8)}${r.p95.toFixed(0).padStart(8)}  ${String(r.n).padStart(4)}  ${r.name}`,
    );
  }
}
