// What other ways for the caption console to batch keystrokes would cost and save, replayed on the
// keydown times a bench:caption-paint run recorded (--dump FILE):
//   npx tsx scripts/bench/captionPaintPolicies.ts FILE
// A simulation, not a measurement: for each policy, when each keystroke would be sent (the wait for
// the server's answer to the previous command left out) and how many frames a second the captioner
// would send, each of which the server fans out to every viewer. "now" is the console as it is
// (client/src/captions/CaptionConsole.tsx: a timer of SEND_EVERY_MS = 100 started by the first
// keystroke after a send); the run's own "send" step shows how close the replay comes to it.
import { readFileSync } from 'node:fs';
import type { RunRecords } from './captionPaintRun.js';
import { percentile } from './report.js';

/** When to send, given the keystroke time, the first unsent keystroke's and the last send's. */
type Policy = (t: number, key: string, first: number, last: number) => number;

const POLICIES: Record<string, Policy> = {
  'now: 100 ms after the first unsent key': (_t, _k, first) => first + 100,
  '50 ms after the first unsent key': (_t, _k, first) => first + 50,
  'leading edge, then 100 ms apart': (t, _k, _first, last) => Math.max(t, last + 100),
  'after 20 ms quiet, ≤ 100 ms, ≥ 100 ms apart': (t, _k, first, last) =>
    Math.max(Math.min(t + 20, first + 100), last + 100),
  'each keystroke (the relay)': (t) => t,
};

/** Each keystroke's send time under `policy`; Enter sends at once, as the console's flush does. */
function replay(keys: [number, string][], policy: Policy) {
  const sentAt: number[] = [];
  let pending: number[] = [];
  let [first, last, due, sends] = [NaN, -Infinity, Infinity, 0];
  const send = (at: number) => {
    for (const i of pending) sentAt[i] = at;
    [pending, first, last, due, sends] = [[], NaN, at, Infinity, sends + 1];
  };
  keys.forEach(([t, key], i) => {
    if (due <= t) send(due);
    pending.push(i);
    if (Number.isNaN(first)) first = t;
    if (key === 'Enter') return send(t);
    due = policy(t, key, first, last);
    if (due <= t) send(t);
  });
  if (pending.length > 0) send(due);
  return { sentAt, sends };
}

const file = process.argv[2];
if (!file) throw new Error('Usage: captionPaintPolicies.ts FILE (written by captionPaint.ts --dump FILE)');
const dump = JSON.parse(readFileSync(file, 'utf8')) as { runs: Record<string, { openFloor: RunRecords }> };
for (const [pace, { openFloor }] of Object.entries(dump.runs)) {
  const keys = openFloor.captioner.keys.map(([t, key]): [number, string] => [t, key]);
  const seconds = (keys.at(-1)![0] - keys[0]![0]) / 1000;
  console.log(
    `\n${pace}: ${keys.length} keystrokes over ${seconds.toFixed(1)} s (waits of characters other than spaces)`,
  );
  console.log(`${'policy'.padEnd(46)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'frames/s'.padStart(10)}`);
  for (const [name, policy] of Object.entries(POLICIES)) {
    const { sentAt, sends } = replay(keys, policy);
    const waits = keys.flatMap(([t, key], i) => (key === ' ' || key === 'Enter' ? [] : [sentAt[i]! - t]));
    const cells = [percentile(waits, 50), percentile(waits, 95)].map((n) => n.toFixed(1).padStart(8));
    console.log(`${name.padEnd(46)}${cells.join('')}${(sends / seconds).toFixed(1).padStart(10)}`);
  }
}
