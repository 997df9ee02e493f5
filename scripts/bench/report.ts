// What every benchmark reports: its figures, each beside the baseline measured in the same run
// (where there is one) and the target it is held to. A bench prints its own table for a person and
// one `FIGURES {json}` line that `npm run bench` (scripts/bench/all.ts) gathers into one table.

export interface Figure {
  /** What was measured, for a person: "join → interpreter frame p95". */
  metric: string;
  /** This run's value, in `unit`. */
  value: number;
  /** "ms", "s", "KB", "x", "%"... */
  unit: string;
  /** The same measurement of the baseline in this run, when the bench has one. */
  baseline?: number;
  /** The target the figure is held to, as a person reads it: "≤ 1500", "≤ 1.5x baseline". */
  target?: string;
  /** Whether the figure meets its target (left out when there is no target). */
  met?: boolean;
}

export interface FiguresLine {
  bench: string;
  /** The sizes the bench ran with, as a person reads them: "2000 viewers, 5 s". */
  size: string;
  figures: Figure[];
}

export const FIGURES_PREFIX = 'FIGURES ';

const fmt = (n: number | undefined) =>
  n === undefined || !Number.isFinite(n) ? '—' : Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2);

/** The figures as a table, one row per figure (shared by each bench and by `npm run bench`). */
export function figureRows(figures: Figure[], bench?: string): string[] {
  const head = [bench === undefined ? '' : 'bench'.padEnd(14), 'metric'.padEnd(44), 'value'.padStart(10)];
  const rows = [[...head, 'baseline'.padStart(10), 'ratio'.padStart(7), '  unit', '  target'].join('')];
  for (const f of figures) {
    const ratio = f.baseline ? `${(f.value / f.baseline).toFixed(2)}x` : '—';
    const verdict = f.met === undefined ? '' : f.met ? '  met' : '  NOT MET';
    rows.push(
      [
        bench === undefined ? '' : bench.padEnd(14),
        f.metric.padEnd(44),
        fmt(f.value).padStart(10),
        fmt(f.baseline).padStart(10),
        ratio.padStart(7),
        `  ${f.unit.padEnd(4)}`,
        `  ${f.target ?? ''}${verdict}`,
      ].join(''),
    );
  }
  return rows;
}

/** Prints the table, then the FIGURES line `npm run bench` reads. */
export function reportFigures(line: FiguresLine): void {
  console.log(`\n${line.bench} (${line.size})`);
  for (const row of figureRows(line.figures)) console.log(row);
  console.log(`${FIGURES_PREFIX}${JSON.stringify(line)}`);
}

/** The FIGURES lines in a bench's output. */
export function parseFigures(output: string): FiguresLine[] {
  return output
    .split('\n')
    .filter((l) => l.startsWith(FIGURES_PREFIX))
    .map((l) => JSON.parse(l.slice(FIGURES_PREFIX.length)) as FiguresLine);
}

/** A percentile of the samples (nearest rank), or NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
