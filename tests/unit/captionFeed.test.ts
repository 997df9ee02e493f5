import { describe, expect, it } from 'vitest';
import {
  EMPTY_FEED,
  lineArrived,
  lineCorrected,
  partialArrived,
  synced,
  type CaptionFeed,
} from '../../client/src/captions/feed.js';
import type { CaptionLine } from '../../shared/captions.js';

const at = '2026-11-23T15:00:00.000Z';
const line = (seq: number, text: string, fix?: number): CaptionLine => ({
  seq,
  lang: 'en-US',
  speaker: 'Sam',
  text,
  startedAt: at,
  at,
  ...(fix === undefined ? {} : { correctedAt: at, fix }),
});
const texts = (feed: CaptionFeed) => feed.lines.map((l) => `${l.seq} ${l.text}`);
const told = (feed: CaptionFeed) =>
  feed.announcements.map((a) => `${a.n} ${a.corrected ? 'corrected ' : ''}${a.line.text}`);

describe('the caption feed a page holds (C8, C19)', () => {
  it('C19 a correction replaces its line in place and is announced once; a repeat or an older one changes nothing', () => {
    let feed = lineArrived(lineArrived(EMPTY_FEED, line(1, 'catz')), line(2, 'next'));
    feed = lineCorrected(feed, line(1, 'cats', 1));
    feed = lineCorrected(feed, line(1, 'cats', 1));
    expect(texts(feed)).toEqual(['1 cats', '2 next']);
    expect(told(feed)).toEqual(['1 catz', '2 next', '3 corrected cats']);
    // The live line that raced its own correction (another node's broadcast) does not undo it.
    feed = lineArrived(feed, line(1, 'catz'));
    feed = lineCorrected(feed, line(1, 'kats', 0));
    expect(texts(feed)).toEqual(['1 cats', '2 next']);
    expect(told(feed)).toHaveLength(3);
  });

  it('C16 C19 the line in progress rewriting a line goes when the line’s correction comes', () => {
    let feed = lineArrived(EMPTY_FEED, line(1, 'Hello'));
    feed = partialArrived(feed, { lang: 'en-US', speaker: 'Sam', text: 'Hel', at, reopens: 1 });
    feed = lineCorrected(feed, line(1, 'Help', 1));
    expect(feed.partials).toEqual({});
    expect(texts(feed)).toEqual(['1 Help']);
  });

  it('C19 a correction of a line before the first the page shows is left to the transcript', () => {
    const feed = lineCorrected(lineArrived(EMPTY_FEED, line(5, 'five')), line(2, 'two', 1));
    expect(texts(feed)).toEqual(['5 five']);
    expect(lineCorrected(EMPTY_FEED, line(2, 'two', 1))).toBe(EMPTY_FEED);
  });

  it('C8 C19 a catch-up brings missed lines and missed corrections, announced unless they are history', () => {
    const history = synced(EMPTY_FEED, [line(1, 'one'), line(2, 'two', 1)], [], true, 2);
    expect(told(history)).toEqual([]);
    expect(history.historyUpTo).toBe(2);
    const back = synced(
      history,
      [line(3, 'three'), line(4, '', 3)],
      [line(1, 'uno', 2), line(9, 'x', 4)],
      false,
      4,
    );
    expect(texts(back)).toEqual(['1 uno', '2 two', '3 three', '4 ']);
    // A line taken back (C17) is held, so a later version replaces it, but never told.
    expect(told(back)).toEqual(['1 corrected uno', '2 three']);
    // The same answer again (a retried catch-up) tells nothing new.
    expect(told(synced(back, [line(3, 'three')], [line(1, 'uno', 2)], false, 4))).toEqual(told(back));
  });
});
