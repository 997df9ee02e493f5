// bench:caption-paint: caption latency as people see it, keystroke in the captioner's console → the
// text painted on a viewer's page, in Debian's Chromium.
//   npx tsx scripts/bench/captionPaint.ts [--room N] [--captions N] [--lines N] [--wpm N]
//                                          [--pace cart|steno|both] [--full] [--dump FILE]
// OpenFloor (the build, with its own LiveKit server, a live session) gets a captioner in the room
// typing into the caption console, N attendees in the room (captions panel) and N viewers of the
// captions-only page; then the same browser, the same typing, through a bare Socket.IO relay
// (relayServer.ts), the baseline, both up at once and the runs alternating. Every page stamps on one clock (captionPaintProbe.ts): each
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
import { analyse, consoleStats } from './captionPaintStats.js';
import { figuresOf, printClocks, printConsole, printHeader, printKinds } from './captionPaintTable.js';
import { openFloorTarget, relayTarget, type PaintTarget } from './captionPaintTargets.js';
import { reportFigures, type Figure } from './report.js';

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

const lines = scriptLines(LINES);
build();
const started = Date.now();
const browser = await launchChromium({ cameraFps: 5 });
const targets: PaintTarget[] = [];
try {
  // Both up at once, runs alternating, so that the machine's other work falls on both alike.
  targets.push(await openFloorTarget(browser, ROOM, CAPTIONS_PAGE));
  targets.push(await relayTarget(browser, ROOM + CAPTIONS_PAGE));
  const [openFloor, relay] = targets as [PaintTarget, PaintTarget];
  console.log(`\nPages ready in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  printClocks(await checkClocks(targets.flatMap((t) => [t.captioner, ...t.viewers.map((v) => v.page)])));
  const runs = new Map<Pace, { openFloor: RunRecords; relay: RunRecords }>();
  for (const pace of PACES) {
    runs.set(pace, {
      openFloor: await runScript(openFloor, lines, pace, WPM),
      relay: await runScript(relay, lines, pace, WPM),
    });
  }
  if (values.dump) writeFileSync(values.dump, JSON.stringify({ lines, runs: Object.fromEntries(runs) }));

  printHeader();
  const figures: Figure[] = [];
  for (const [pace, run] of runs) {
    const of = analyse(lines, run.openFloor);
    const base = analyse(lines, run.relay);
    printKinds('OpenFloor', pace, of);
    printKinds('relay', pace, base);
    figures.push(...figuresOf(pace, PACES.length > 1 ? `${pace}: ` : '', of, base[0]!));
  }
  console.log('');
  for (const [pace, run] of runs) printConsole('OpenFloor', pace, consoleStats(run.openFloor));
  console.log(
    `\n(${((Date.now() - started) / 1000).toFixed(0)} s; the machine's other work shows in these figures)`,
  );
  reportFigures({
    bench: 'caption-paint',
    size: `${ROOM} room + ${CAPTIONS_PAGE} captions-page viewers, ${LINES} lines at ${WPM} wpm, ${PACES.join(' + ')}`,
    figures,
  });
} finally {
  for (const target of targets) await target.stop();
  await browser.close();
}
