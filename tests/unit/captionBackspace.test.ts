import { describe, expect, it } from 'vitest';
import { CAPTION_IDLE_COMMIT_MS, CAPTION_LINE_MAX_CHARS } from '../../shared/captions.js';
import {
  applyStream,
  emptyTrack,
  type ReachableLine,
  type StreamResult,
  type TrackState,
} from '../../server/captions/stream.js';

const BS = '\u0008';

/** What a run of POSTs from captioning software leaves: lines, corrections and the line in progress. */
function post(texts: string[], last: ReachableLine | null = null, start: TrackState = emptyTrack()) {
  let state = start;
  const lines: string[] = [];
  const fixes: string[] = [];
  let result: StreamResult | undefined;
  for (const text of texts) {
    result = applyStream(state, { type: 'append', text, speaker: 'Sam', last }, 1000);
    state = result.state;
    lines.push(...result.committed.map((l) => l.text));
    fixes.push(...result.corrected.map((c) => `${c.seq}: ${c.text}`));
  }
  return { state, lines, fixes, result: result! };
}

const stored = (text: string, breakAfter: boolean, seq = 7): ReachableLine => ({
  seq,
  text,
  speaker: 'Ana',
  startedAt: 500,
  breakAfter,
});

describe('backspaces from captioning software (C15)', () => {
  it.each([
    ['the issue’s example', [`I like catz${BS}s`], 'I like cats'],
    ['several in a row', [`Hello wrold${BS.repeat(4)}orld`], 'Hello world'],
    ['across posts', ['We need more ', `traning${BS}${BS}${BS}${BS}ining`], 'We need more training'],
    ['more than the line holds, with nothing committed before', [`ab${BS}${BS}${BS}${BS}c`], 'c'],
    ['a whole emoji, not half of it', [`ok 👍${BS}✅`], 'ok ✅'],
    ['only backspaces', [BS, BS], ''],
  ])('C15 removes the character before each backspace: %s', (_label, texts, partial) => {
    const { state, lines, fixes } = post(texts);
    expect(state.text).toBe(partial);
    expect(lines).toEqual([]);
    expect(fixes).toEqual([]);
    expect([...state.text].some((ch) => ch.charCodeAt(0) < 0x20)).toBe(false);
  });

  it('C15 C2 a backspace inside a post that also breaks lines edits the line before the break', () => {
    const { lines, state } = post([`Frist${BS.repeat(4)}irst line\nSecnd${BS}${BS}ond`]);
    expect(lines).toEqual(['First line']);
    expect(state.text).toBe('Second');
  });

  it('C16 within one post a backspace takes back the break it meets and the line it committed', () => {
    const { lines, fixes, state } = post([`I like catz\n${BS}${BS}s\nNext`]);
    expect(lines).toEqual(['I like cats']);
    expect(fixes).toEqual([]);
    expect(state.text).toBe('Next');
  });
});

describe('reaching back across a break into a committed line (C16, C17)', () => {
  it('C16 C17 removes the software’s break, then characters, and commits the line again as its correction', () => {
    const { state, fixes, lines, result } = post([`${BS}${BS}s\n`], stored('I like catz', true));
    expect(lines).toEqual([]);
    expect(fixes).toEqual(['7: I like cats']);
    expect(result.corrected).toEqual([{ seq: 7, text: 'I like cats', speaker: 'Ana', breakAfter: true }]);
    expect(state.text).toBe('');
    expect(state.reopens).toBeUndefined();
  });

  it('C16 a line committed without a break (idle, Enter) loses its last character at the first backspace', () => {
    expect(post([`${BS}s`], stored('I like catz', false)).state).toMatchObject({
      text: 'I like cats',
      reopens: 7,
      speaker: 'Ana',
      startedAt: 500,
    });
  });

  it('C16 the reopened line is the line in progress, shown in its place, until it is committed', () => {
    const { state, fixes, result } = post([BS], stored('Hello', true));
    expect(fixes).toEqual([]);
    expect(state).toMatchObject({ text: 'Hello', reopens: 7 });
    expect(result.partialChanged).toBe(true);
    // More text and backspaces in later posts work on the reopened line.
    const later = post([`${BS}${BS}p!`], null, state);
    expect(later.state).toMatchObject({ text: 'Help!', reopens: 7 });
    expect(post(['\nNext'], null, later.state).fixes).toEqual(['7: Help!']);
  });

  it('C16 reaches back one line at most: a backspace that finds the reopened line empty changes nothing', () => {
    const { state, fixes } = post([`${BS.repeat(10)}`], stored('abc', true));
    expect(state).toMatchObject({ text: '', reopens: 7 });
    expect(fixes).toEqual([]);
  });

  it('C16 the text in progress goes first, then the break, then the committed line', () => {
    const { state } = post(['ne', `${BS}${BS}${BS}${BS}d`], stored('I said no', true));
    expect(state).toMatchObject({ text: 'I said nd', reopens: 7 });
  });

  it('C16 without a committed line to reach, a backspace on an empty line changes nothing', () => {
    const { state, result } = post([BS]);
    expect(state.text).toBe('');
    expect(state.reopens).toBeUndefined();
    expect(result.partialChanged).toBe(false);
  });

  it('C17 C5 a reopened line left alone is committed again by the idle commit, as its correction', () => {
    const { state } = post([`${BS}${BS}`], stored('Thanks!', true));
    const idle = applyStream(state, { type: 'tick' }, 1000 + CAPTION_IDLE_COMMIT_MS);
    expect(idle.corrected).toEqual([{ seq: 7, text: 'Thanks', speaker: 'Ana', breakAfter: false }]);
    expect(idle.committed).toEqual([]);
    expect(idle.state.reopens).toBeUndefined();
  });

  it('C17 a reopened line emptied and committed is corrected to nothing (taken back)', () => {
    const { state } = post([BS.repeat(4)], stored('abc', true));
    expect(state).toMatchObject({ text: '', reopens: 7 });
    expect(applyStream(state, { type: 'tick' }, 1000 + CAPTION_IDLE_COMMIT_MS).corrected).toEqual([
      { seq: 7, text: '', speaker: 'Ana', breakAfter: false },
    ]);
  });

  it('C17 C3 the console’s next change commits a reopened line first, then starts its own', () => {
    const { state } = post([`${BS}!`], stored('Done', true));
    const typed = applyStream(
      state,
      { type: 'replace', text: 'New', speaker: 'Sam', lineId: 'line-b2' },
      2000,
    );
    expect(typed.corrected).toEqual([{ seq: 7, text: 'Done!', speaker: 'Ana', breakAfter: false }]);
    expect(typed.state).toMatchObject({ text: 'New', startedAt: 2000, lineId: 'line-b2' });
    expect(typed.state.reopens).toBeUndefined();
  });

  it('C17 C7 a reopened line grown past the limit keeps its first piece; the rest follows as new lines', () => {
    const { fixes, lines } = post([`${BS}${'y'.repeat(CAPTION_LINE_MAX_CHARS)}\n`], stored('x', true));
    expect(fixes).toEqual([`7: x${'y'.repeat(CAPTION_LINE_MAX_CHARS - 1)}`]);
    expect(lines).toEqual(['y']);
  });

  it('C16 C17 a break taken back within a post undoes the correction it made', () => {
    const { fixes, state } = post([`${BS}s\n${BS}!`], stored('cat', true));
    expect(fixes).toEqual([]);
    expect(state).toMatchObject({ text: 'cats!', reopens: 7 });
  });
});
