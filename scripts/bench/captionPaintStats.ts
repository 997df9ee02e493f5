// From a run's records to latencies (bench:caption-paint): for every keystroke of the script, when
// the captioner's page sent it, when each viewer's page received it, had it in its DOM and painted
// it; then the figures per kind of viewer. "Line in progress": every character other than a space
// (a space changes nothing a viewer sees), keystroke → first paint that shows it. "Committed":
// Enter → first paint that shows the line as committed.
import {
  firstShown,
  frameViews,
  keysOf,
  paintRows,
  regionViews,
  scriptOf,
  type Script,
} from './captionPaintMatch.js';
import type { RunRecords } from './captionPaintRun.js';
import type { ViewerKind } from './captionPaintTargets.js';
import { percentile } from './report.js';

/** Per keystroke, from the keydown: sent, received, in the DOM, painted (ms; NaN when never). */
export interface Stages {
  sent: number[];
  received: number[];
  inDom: number[];
  painted: number[];
}

export interface KindResult {
  kind: ViewerKind;
  viewers: number;
  /** Keystroke → painted, for characters of the line in progress, all viewers of the kind. */
  partial: number[];
  /** Enter → the committed line painted. */
  committed: number[];
  /** The same characters' stages, each from the keydown. */
  stages: Stages;
  /** Keystrokes never painted, and views that did not read as the script. */
  missing: number;
  mismatches: number;
}

/** Positions of the script's keystrokes that viewers can see change: characters other than spaces, and Enters. */
function positions(script: Script) {
  const chars: number[] = [];
  const enters: number[] = [];
  script.lines.forEach((line, l) => {
    [...line].forEach((c, k) => c !== ' ' && chars.push(script.starts[l]! + k));
    enters.push(script.starts[l]! + line.length);
  });
  return { chars, enters };
}

/** Throws unless the captioner's keydowns are exactly the script's keys. */
function keyTimes(script: Script, run: RunRecords): number[] {
  const typed = run.captioner.keys.map(([, key]) => key);
  const expected = keysOf(script);
  const at = expected.findIndex((k, i) => typed[i] !== k);
  if (at >= 0 || typed.length !== expected.length) {
    throw new Error(
      `The captioner's keydowns are not the script (${typed.length} of ${expected.length}; first difference at ${at}: ` +
        `${JSON.stringify(typed[at])} for ${JSON.stringify(expected[at])}).`,
    );
  }
  return run.captioner.keys.map(([t]) => t);
}

export function analyse(lines: readonly string[], run: RunRecords): KindResult[] {
  const script = scriptOf(lines);
  const keyAt = keyTimes(script, run);
  const { chars, enters } = positions(script);
  const sentAt = firstShown(script, frameViews(run.captioner.wsOut)).at;
  const byKind = new Map<ViewerKind, KindResult>();
  for (const viewer of run.viewers) {
    const { records, base } = viewer;
    const received = firstShown(script, frameViews(records.wsIn)).at;
    const dom = regionViews(records.dom, base, script);
    const paints = regionViews(paintRows(records.paints), base, script);
    const inDom = firstShown(script, dom.views);
    const painted = firstShown(script, paints.views);
    const result = byKind.get(viewer.kind) ?? {
      kind: viewer.kind,
      viewers: 0,
      partial: [],
      committed: [],
      stages: { sent: [], received: [], inDom: [], painted: [] },
      missing: 0,
      mismatches: 0,
    };
    byKind.set(viewer.kind, result);
    result.viewers++;
    result.mismatches += dom.mismatches + inDom.mismatches + paints.mismatches + painted.mismatches;
    for (const p of [...chars, ...enters]) if (Number.isNaN(painted.at[p]!)) result.missing++;
    for (const p of chars) {
      result.partial.push(painted.at[p]! - keyAt[p]!);
      result.stages.sent.push(sentAt[p]! - keyAt[p]!);
      result.stages.received.push(received[p]! - keyAt[p]!);
      result.stages.inDom.push(inDom.at[p]! - keyAt[p]!);
      result.stages.painted.push(painted.at[p]! - keyAt[p]!);
    }
    for (const p of enters) result.committed.push(painted.at[p]! - keyAt[p]!);
  }
  for (const r of byKind.values()) {
    r.partial = r.partial.filter(Number.isFinite);
    r.committed = r.committed.filter(Number.isFinite);
  }
  return [...byKind.values()];
}

/** The median of the finite samples. */
export const median = (xs: readonly number[]) => percentile(xs.filter(Number.isFinite), 50);

/**
 * Where the time goes, by median step: the keystroke to the frame that sends it (the console's
 * batching and its wait for the previous command's answer), to a viewer's page receiving it (the
 * server and the network), to the DOM (the page's handler and render), to the paint.
 */
export function stepMedians(s: Stages) {
  const diff = (a: number[], b: number[]) => a.map((x, i) => x - b[i]!);
  return {
    send: median(s.sent),
    deliver: median(diff(s.received, s.sent)),
    render: median(diff(s.inDom, s.received)),
    paint: median(diff(s.painted, s.inDom)),
  };
}

export interface ConsoleStats {
  /** Commands sent (caption:update and caption:commit) per second of typing. */
  perSecond: number;
  /** Command → its acknowledgement, ms (empty for the relay, which sends no command awaiting one). */
  answers: number[];
  /** Commands sent within a millisecond of the previous command's answer: they had waited for it. */
  waited: number;
}

/** How the captioner's page sent: how often, how long the server took to answer, how often it waited. */
export function consoleStats(run: RunRecords): ConsoleStats {
  const { wsOut, wsIn, keys } = run.captioner;
  const sentAt = new Map<string, number>();
  for (const [t, frame] of wsOut) {
    const id = /^42(\d+)\[/.exec(frame)?.[1];
    if (id) sentAt.set(id, t);
  }
  const answeredAt: number[] = [];
  const answers: number[] = [];
  for (const [t, frame] of wsIn) {
    const sent = sentAt.get(/^43(\d+)\[/.exec(frame)?.[1] ?? '');
    if (sent === undefined) continue;
    answers.push(t - sent);
    answeredAt.push(t);
  }
  const waited = wsOut.filter(([t]) => answeredAt.some((a) => t >= a && t - a < 1)).length;
  const seconds = (keys.at(-1)![0] - keys[0]![0]) / 1000;
  return { perSecond: wsOut.length / seconds, answers, waited };
}
