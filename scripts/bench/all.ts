// npm run bench [-- --full] [-- --only captions,pages]: every benchmark, one after another (they
// would compete for the same cores), then one table of all their figures, each beside the baseline
// measured in the same run where there is one, and the target it is held to. Small sizes by
// default (a few minutes in all; CI runs these); --full runs the sizes the targets are stated at.
// Each bench runs in its own process with the file-descriptor limit raised to the hard limit (a
// join storm of thousands of sockets needs it). A bench that fails makes the run fail; a figure
// that misses its target does not: the figures are for people to read, not a timed test.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { figureRows, parseFigures, type FiguresLine } from './report.js';

interface Bench {
  name: string;
  file: string;
  /** Each run's arguments: one run by default; several when the targets name several sizes. */
  small: string[][];
  full: string[][];
}

const BENCHES: Bench[] = [
  { name: 'pages', file: 'scripts/bench/pages.ts', small: [[]], full: [[]] },
  {
    name: 'captions',
    file: 'scripts/bench/captions.ts',
    small: [['--viewers', '500', '--seconds', '5']],
    full: [
      ['--viewers', '2000', '--seconds', '30'],
      ['--viewers', '5000', '--seconds', '30'],
    ],
  },
  {
    name: 'queue',
    file: 'scripts/bench/queue.ts',
    small: [['--clients', '200', '--raises', '50']],
    full: [['--clients', '2000', '--raises', '300']],
  },
  {
    name: 'lifecycle',
    file: 'scripts/bench/lifecycle.ts',
    small: [['--sessions', '60', '--warmup', '20', '--idle', '2']],
    full: [['--sessions', '300']],
  },
  {
    name: 'media',
    file: 'scripts/bench/media.ts',
    small: [['--joins', '10', '--floors', '10']],
    full: [['--full']],
  },
  { name: 'caption-paint', file: 'scripts/bench/captionPaint.ts', small: [[]], full: [['--full']] },
];

const { values } = parseArgs({
  options: { full: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const only = values.only?.split(',');
const unknown = only?.filter((n) => !BENCHES.some((b) => b.name === n));
if (unknown?.length)
  throw new Error(`no bench named ${unknown.join(', ')}: ${BENCHES.map((b) => b.name).join(', ')}`);

/** Runs one bench, its output shown as it comes and kept; resolves with its exit code. */
function runBench(file: string, args: string[]): Promise<{ code: number; output: string }> {
  const raise = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"';
  const argv = [process.execPath, '--import', 'tsx', file, ...args];
  const child = spawn('sh', ['-c', raise, 'sh', ...argv], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, output })));
}

const lines: FiguresLine[] = [];
const failed: string[] = [];
const started = performance.now();
for (const bench of BENCHES.filter((b) => !only || only.includes(b.name))) {
  for (const args of values.full ? bench.full : bench.small) {
    const label = [bench.name, ...args].join(' ');
    console.log(`\n=== bench ${label}`);
    const { code, output } = await runBench(bench.file, args);
    const found = parseFigures(output);
    if (code !== 0 || found.length === 0)
      failed.push(`${label} (exit ${code}, ${found.length} figure lines)`);
    lines.push(...found);
  }
}

console.log(
  `\n=== All figures (${values.full ? 'full' : 'small'} sizes, ${((performance.now() - started) / 1000).toFixed(0)} s)\n`,
);
for (const line of lines) {
  console.log(`${line.bench}: ${line.size}`);
  for (const row of figureRows(line.figures)) console.log(`  ${row}`);
}
if (failed.length) {
  console.log(`\nThese benches failed: ${failed.join('; ')}`);
  process.exitCode = 1;
}
