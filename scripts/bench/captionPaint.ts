// bench:caption-paint: caption latency as people see it, keystroke in the captioner's console → the
// text painted on a viewer's page, in Debian's Chromium.
//   npx tsx scripts/bench/captionPaint.ts [--room N] [--captions N] [--lines N] [--wpm N]
//                                          [--pace cart|steno|both] [--full] [--dump FILE]
// OpenFloor (the build, with its own LiveKit server, a live session) gets a captioner in the room
// typing into the caption console, N attendees in the room (captions panel) and N viewers of the
// captions-only page; then the same browser, the same typing, through a bare Socket.IO relay
// (relayServer.ts), the baseline. Every page stamps on one clock (captionPaintProbe.ts): each
// keydown on the captioner's page, and on each viewer's each frame painted after its caption region
// changed; keystrokes are matched to paints by content (captionPaintMatch.ts). The pages' clocks are
// checked against each other first. Defaults: 2 + 2 viewers, 8 lines at 250 wpm, CART pace (an even
// stream of keystrokes); --full: 4 + 4 viewers, 24 lines, both paces (steno: each word at once).
// Runs in a loopback-only network namespace (it re-execs itself under unshare when not in one).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium } from '../../tests/support/browser.js';
import { checkClocks, runScript, type Pace, type RunRecords } from './captionPaintRun.js';
import { analyse, stepMedians, type KindResult } from './captionPaintStats.js';
import { openFloorTarget, relayTarget, type PaintTarget } from './captionPaintTargets.js';
import { percentile, reportFigures, type Figure } from './report.js';

const NETNS_ENV = 'OPENFLOOR_BENCH_NETNS';
if (process.env[NETNS_ENV] !== '1') {
  const reexec = spawnSync(
    'unshare',
    [
      '-n',
      '--',
      'sh',
      '-c',
      'ip link set lo up && exec "$0" "$@"',
      process.execPath,
      ...process.execArgv,
      ...process.argv.slice(1),
    ],
    { stdio: 'inherit', env: { ...process.env, [NETNS_ENV]: '1' } },
  );
  if (reexec.error || reexec.status === null) {
    console.error(
      `Could not enter a loopback-only network namespace (unshare -n, as root): ${reexec.error ?? reexec.signal}`,
    );
  }
  process.exit(reexec.status ?? 1);
}

const { values } = parseArgs({
  options: {
    room: { type: 'string' },
    captions: { type: 'string' },
    lines: { type: 'string' },
    wpm: { type: 'string', default: '250' },
    pace: { type: 'string' },
    full: { type: 'boolean', default: false },
    dump: { type: 'string' },
  },
});
const ROOM = Number(values.room ?? (values.full ? 4 : 2));
const CAPTIONS_PAGE = Number(values.captions ?? (values.full ? 4 : 2));
const LINES = Number(values.lines ?? (values.full ? 24 : 8));
const WPM = Number(values.wpm);
const PACE = values.pace ?? (values.full ? 'both' : 'cart');
if (!['cart', 'steno', 'both'].includes(PACE)) throw new Error(`--pace is cart, steno or both, not ${PACE}.`);
const PACES: Pace[] = PACE === 'both' ? ['cart', 'steno'] : [PACE as Pace];

// What a captioner hears at a public hearing; lines of eight to twelve words, as CART writers commit.
const SPEECH = (
  'Good evening and thank you all for coming out tonight. The council will now hear public comment ' +
  'on the proposed budget for parks and the library. Each speaker has three minutes, and the clock ' +
  'is shown on the screen. Please state your name and the neighborhood you live in. When your time ' +
  'is up, the moderator will pass the floor to the next person in the queue. If you need an ' +
  'interpreter or captions in another language, tell the staff at the front table. Written comments ' +
  'are also welcome and will be part of the record. Our first speaker is from the east side, and ' +
  'she has asked to speak about the hours of the branch library on Maple Street.'
).split(' ');

function scriptLines(count: number): string[] {
  const lines: string[] = [];
  for (let w = 0; lines.length < count;) {
    const size = 8 + (lines.length % 5);
    const words = Array.from({ length: size }, (_, i) => SPEECH[(w + i) % SPEECH.length]!);
    lines.push(words.join(' '));
    w += size;
  }
  return lines;
}

function build(): void {
  const script = fileURLToPath(new URL('../build.ts', import.meta.url));
  const built = spawnSync(process.execPath, ['--import', 'tsx', script, '--if-stale'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('The build failed: the bench serves dist/client.');
}

const round = (n: number) => (Number.isFinite(n) ? Math.round(n * 10) / 10 : NaN);
const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1).padStart(7) : '      —');

async function runTarget(start: () => Promise<PaintTarget>, lines: string[]) {
  const target = await start();
  try {
    const pages = [target.captioner, ...target.viewers.map((v) => v.page)];
    const clock = await checkClocks(pages);
    const runs = new Map<Pace, RunRecords>();
    for (const pace of PACES) runs.set(pace, await runScript(target, lines, pace, WPM));
    return { clock, runs };
  } finally {
    await target.stop();
  }
}

function printKinds(name: string, pace: Pace, kinds: KindResult[]): void {
  for (const k of kinds) {
    const steps = stepMedians(k.stages);
    const row = (xs: number[]) =>
      `${fmt(percentile(xs, 50))}${fmt(percentile(xs, 95))}${fmt(Math.max(...xs))}${String(xs.length).padStart(6)}`;
    console.log(
      `${`${name}, ${pace}`.padEnd(16)}${k.kind.padEnd(14)}${row(k.partial)}  ${row(k.committed)}  ` +
        `${fmt(steps.send)}${fmt(steps.deliver)}${fmt(steps.render)}${fmt(steps.paint)}` +
        `${k.missing || k.mismatches ? `  (${k.missing} never painted, ${k.mismatches} views off-script)` : ''}`,
    );
  }
}

function figuresOf(pace: Pace, openFloor: KindResult[], relay: KindResult[]): Figure[] {
  const prefix = PACES.length > 1 ? `${pace}: ` : '';
  const base = relay[0]!;
  const figures: Figure[] = [];
  for (const k of openFloor) {
    for (const p of [50, 95]) {
      const metric = `${prefix}keystroke → painted, ${k.kind}, p${p}`;
      figures.push({
        metric,
        value: round(percentile(k.partial, p)),
        unit: 'ms',
        baseline: round(percentile(base.partial, p)),
      });
    }
    for (const p of [50, 95]) {
      const metric = `${prefix}Enter → line painted, ${k.kind}, p${p}`;
      figures.push({
        metric,
        value: round(percentile(k.committed, p)),
        unit: 'ms',
        baseline: round(percentile(base.committed, p)),
      });
    }
  }
  const sent = openFloor[0]!.stages.sent.filter(Number.isFinite);
  const relaySent = base.stages.sent.filter(Number.isFinite);
  for (const p of [50, 95]) {
    const metric = `${prefix}keystroke → sent by the console, p${p}`;
    figures.push({
      metric,
      value: round(percentile(sent, p)),
      unit: 'ms',
      baseline: round(percentile(relaySent, p)),
    });
  }
  return figures;
}

build();
const lines = scriptLines(LINES);
const started = Date.now();
const browser = await launchChromium({ cameraFps: 5 });
try {
  const openFloor = await runTarget(() => openFloorTarget(browser, ROOM, CAPTIONS_PAGE), lines);
  const relay = await runTarget(() => relayTarget(browser, ROOM + CAPTIONS_PAGE), lines);
  if (values.dump) {
    const runs = (r: typeof relay) => Object.fromEntries(r.runs);
    writeFileSync(values.dump, JSON.stringify({ lines, openFloor: runs(openFloor), relay: runs(relay) }));
  }
  console.log('\nClocks (each page against this process, ms: offset ± half the round trip):');
  for (const [name, { clock }] of [
    ['OpenFloor', openFloor],
    ['relay', relay],
  ] as const) {
    const spread = Math.max(...clock.offsets) - Math.min(...clock.offsets);
    const within = Math.max(...clock.roundTrips) / 2;
    console.log(
      `  ${name}: spread between pages ${spread.toFixed(2)} ms, each offset ± ≤ ${within.toFixed(2)} ms`,
    );
  }
  console.log(
    `\n${''.padEnd(30)}${'keystroke → painted (ms)'.padEnd(33)}  ${'Enter → line painted (ms)'.padEnd(33)}  median step (ms)`,
  );
  console.log(
    `${'target'.padEnd(16)}${'viewer'.padEnd(14)}${['p50', 'p95', 'max', 'n'].map((h, i) => h.padStart(i === 3 ? 6 : 7)).join('')}  ` +
      `${['p50', 'p95', 'max', 'n'].map((h, i) => h.padStart(i === 3 ? 6 : 7)).join('')}  ` +
      `${['send', 'deliver', 'render', 'paint'].map((h) => h.padStart(7)).join('')}`,
  );
  const figures: Figure[] = [];
  for (const pace of PACES) {
    const of = analyse(lines, openFloor.runs.get(pace)!);
    const base = analyse(lines, relay.runs.get(pace)!);
    printKinds('OpenFloor', pace, of);
    printKinds('relay', pace, base);
    figures.push(...figuresOf(pace, of, base));
  }
  console.log(
    `\n(${((Date.now() - started) / 1000).toFixed(0)} s; the machine's other work shows in these figures)`,
  );
  reportFigures({
    bench: 'caption-paint',
    size: `${ROOM} room + ${CAPTIONS_PAGE} captions-page viewers, ${LINES} lines at ${WPM} wpm, ${PACES.join(' + ')}`,
    figures,
  });
} finally {
  await browser.close();
}
