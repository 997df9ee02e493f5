// Matching keystrokes to what a page shows, by content (bench:caption-paint). The captioner types a
// known script: line after line, each character then Enter. Every character has a position in the
// script; what a page shows at a moment (n lines committed, the line in progress reading "abc")
// reaches some position, and the text only grows. So one pass over a page's views in time order
// gives, for each position, the first moment a view reached past it: when that keystroke was first
// shown. The same fold reads the DOM views, the paints and the Socket.IO frames of either target.
import type { ProbeRecords, RegionView } from './captionPaintProbe.js';

/** What a page shows or a frame carries: lines committed since the measured script began, the line in progress. */
export interface View {
  t: number;
  committed: number;
  partial: string;
}

export interface Script {
  lines: readonly string[];
  /** Where each line starts among all keystrokes (its characters, then its Enter). */
  starts: readonly number[];
  total: number;
}

export function scriptOf(lines: readonly string[]): Script {
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  return { lines, starts, total: at };
}

/** The keys the script types, in order: what the captioner's keydown stamps must read. */
export const keysOf = (script: Script): string[] => script.lines.flatMap((l) => [...l, 'Enter']);

export interface FirstShown {
  /** For each keystroke position, when it was first shown (NaN: never). */
  at: Float64Array;
  /** Views that did not read as the script (a line in progress that is not a prefix of its line). */
  mismatches: number;
}

/** One pass: each view reaches a position (all before it shown); the first view past a position shows it. */
export function firstShown(script: Script, views: readonly View[]): FirstShown {
  const at = new Float64Array(script.total).fill(NaN);
  let reached = 0;
  let mismatches = 0;
  for (const v of views) {
    let position: number;
    if (v.committed >= script.lines.length) position = script.total;
    else {
      const line = script.lines[v.committed]!;
      let shown = 0;
      while (shown < v.partial.length && v.partial[shown] === line[shown]) shown++;
      if (shown < v.partial.length) mismatches++;
      position = script.starts[v.committed]! + shown;
    }
    for (; reached < position; reached++) at[reached] = v.t;
  }
  return { at, mismatches };
}

/** Region views as Views, counted from `base` committed lines (those of the warm-up). */
export function regionViews(
  rows: readonly [number, ...RegionView][],
  base: number,
  script: Script,
): { views: View[]; mismatches: number } {
  let mismatches = 0;
  const views = rows.map(([t, committed, lastLine, partial]) => {
    const n = committed - base;
    if (n > 0 && lastLine.trim() !== script.lines[n - 1]) mismatches++;
    return { t, committed: n, partial };
  });
  return { views, mismatches };
}

/** A Socket.IO event frame ("42" + optional ack id + JSON array) as [event, payload], or null. */
function eventOf(frame: string): [string, { text?: string }] | null {
  const match = /^42\d*(\[.*)$/s.exec(frame);
  return match ? (JSON.parse(match[1]!) as [string, { text?: string }]) : null;
}

/**
 * Views from Socket.IO frames: what a viewer's frames bring (caption:partial, caption:line) or what
 * the captioner's frames send (caption:update, caption:commit), folded in order.
 */
export function frameViews(frames: readonly [number, string][]): View[] {
  let committed = 0;
  const views: View[] = [];
  for (const [t, frame] of frames) {
    const event = eventOf(frame);
    if (!event) continue;
    const [name, payload] = event;
    if (name === 'caption:line' || name === 'caption:commit') {
      committed++;
      views.push({ t, committed, partial: '' });
    } else if (name === 'caption:partial' || name === 'caption:update') {
      views.push({ t, committed, partial: payload.text ?? '' });
    }
  }
  return views;
}

/** The painted moments of a page's frames (the rAF stamp when the message after paint never ran). */
export const paintRows = (paints: ProbeRecords['paints']): [number, ...RegionView][] =>
  paints.map(([raf, painted, ...view]) => [painted || raf, ...view]);
