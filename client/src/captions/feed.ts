import type { CaptionLine, CaptionPartial } from '../../../shared/captionBasics.js';

// The caption feed a page holds, as plain functions of what arrives (no React, so unit tests can
// drive it): committed lines by seq, the line in progress per language, corrections (C19), and
// what a screen reader is told, each thing once.

/** Lines kept in the page; the transcript download has the rest. */
export const KEPT_LINES = 1000;
/** Announcements kept: more than a live region ever shows at once. */
const KEPT_ANNOUNCEMENTS = 20;

/** Something a screen reader is told once: a new line, or a line corrected after it was read. */
export interface Announcement {
  /** Counts every announcement of the page, so a live region can start after one it has passed. */
  n: number;
  line: CaptionLine;
  corrected: boolean;
}

/** When something of a track last arrived, and how long after the server stamped it (the lag). */
export interface TrackActivity {
  /** The page's clock, ms. */
  arrivedAt: number;
  lagMs: number;
}

/** When a live event arrived (the page's clock, ms), and the server's clock minus the page's. */
export interface Arrival {
  at: number;
  offsetMs: number;
}

export interface CaptionFeed {
  /** Committed lines of every language, in seq order, each as last corrected (C19). */
  lines: CaptionLine[];
  /** The line being written, per language. */
  partials: Readonly<Record<string, CaptionPartial>>;
  /** Lines up to this seq were history when the page joined: shown, never announced. */
  historyUpTo: number | null;
  /** The latest announcements, oldest first. */
  announcements: Announcement[];
  /** Per language: the last live caption event, for the lag indicator. */
  activity: Readonly<Record<string, TrackActivity>>;
}

export const EMPTY_FEED: CaptionFeed = {
  lines: [],
  partials: {},
  historyUpTo: null,
  announcements: [],
  activity: {},
};

/** The activity once something stamped `sentAt` by the server arrived as `arrival` says. */
function active(feed: CaptionFeed, lang: string, sentAt: string, arrival: Arrival | undefined) {
  if (!arrival) return feed.activity;
  const lagMs = Math.max(0, arrival.at + arrival.offsetMs - Date.parse(sentAt));
  return { ...feed.activity, [lang]: { arrivedAt: arrival.at, lagMs } };
}

const fixOf = (line: CaptionLine | undefined) => line?.fix ?? 0;

/** The lines with `more` merged in by seq; of two versions of a line, the later correction wins. */
export function mergeLines(lines: CaptionLine[], more: CaptionLine[]): CaptionLine[] {
  const bySeq = new Map(lines.map((l) => [l.seq, l]));
  for (const line of more) {
    if (fixOf(line) >= fixOf(bySeq.get(line.seq))) bySeq.set(line.seq, line);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-KEPT_LINES);
}

function announce(feed: CaptionFeed, items: Omit<Announcement, 'n'>[]): Announcement[] {
  if (items.length === 0) return feed.announcements;
  const next = feed.announcements.at(-1)?.n ?? 0;
  return [...feed.announcements, ...items.map((item, i) => ({ ...item, n: next + 1 + i }))].slice(
    -KEPT_ANNOUNCEMENTS,
  );
}

const holds = (feed: CaptionFeed, seq: number) => feed.lines.find((l) => l.seq === seq);

/** A line committed live: it replaces its language's line in progress, and is announced once. */
export function lineArrived(feed: CaptionFeed, line: CaptionLine, arrival?: Arrival): CaptionFeed {
  const known = holds(feed, line.seq);
  // The server's new partial for that language follows; until then the same words must not show twice.
  const partials = { ...feed.partials };
  delete partials[line.lang];
  const fresh = !known && line.text !== '';
  return {
    ...feed,
    lines: mergeLines(feed.lines, [line]),
    partials,
    announcements: fresh ? announce(feed, [{ line, corrected: false }]) : feed.announcements,
    activity: active(feed, line.lang, line.at, arrival),
  };
}

/**
 * C19: a committed line corrected. Replaced in place if the page holds it (once: a version it has
 * already, or an older one, changes nothing), and announced as corrected; a line before the first
 * the page shows is left to the transcript.
 */
export function lineCorrected(feed: CaptionFeed, line: CaptionLine, arrival?: Arrival): CaptionFeed {
  const first = feed.lines[0];
  if (!first || line.seq < first.seq) return feed;
  const known = holds(feed, line.seq);
  if (known && fixOf(known) >= fixOf(line)) return feed;
  const partials = { ...feed.partials };
  if (partials[line.lang]?.reopens === line.seq) delete partials[line.lang];
  return {
    ...feed,
    lines: mergeLines(feed.lines, [line]),
    partials,
    announcements: announce(feed, [{ line, corrected: !!known }]),
    activity: active(feed, line.lang, line.correctedAt ?? line.at, arrival),
  };
}

export function partialArrived(feed: CaptionFeed, partial: CaptionPartial, arrival?: Arrival): CaptionFeed {
  return {
    ...feed,
    partials: { ...feed.partials, [partial.lang]: partial },
    activity: active(feed, partial.lang, partial.at, arrival),
  };
}

/**
 * A catch-up's answer: the lines after the page's last (C8) and the lines it holds corrected since
 * (C19). The history a late joiner is shown is not announced; what a reconnecting page missed is.
 */
export function synced(
  feed: CaptionFeed,
  lines: CaptionLine[],
  fixes: CaptionLine[],
  history: boolean,
  upTo: number,
): CaptionFeed {
  const held = new Map(feed.lines.map((l) => [l.seq, l]));
  const newLines = lines.filter((l) => !held.has(l.seq) && l.text !== '');
  const corrected = fixes.filter((l) => held.has(l.seq) && fixOf(l) > fixOf(held.get(l.seq)));
  const items = history
    ? []
    : [
        ...corrected.map((line) => ({ line, corrected: true })),
        ...newLines.map((line) => ({ line, corrected: false })),
      ];
  return {
    ...feed,
    lines: mergeLines(feed.lines, [...lines, ...corrected]),
    historyUpTo: history ? upTo : (feed.historyUpTo ?? 0),
    announcements: announce(feed, items),
  };
}
