import { describe, expect, it } from 'vitest';
import { CAPTION_IDLE_COMMIT_MS, CAPTION_LINE_MAX_CHARS } from '../../shared/captions.js';
import {
  applyStream,
  emptyTrack,
  type StreamCommand,
  type TrackState,
} from '../../server/captions/stream.js';

function run(commands: StreamCommand[], start: TrackState = emptyTrack(), now = 1000) {
  let state = start;
  const lines: string[] = [];
  for (const c of commands) {
    const r = applyStream(state, c, now);
    state = r.state;
    lines.push(...r.committed.map((l) => `${l.speaker}: ${l.text}`));
  }
  return { state, lines };
}
const append = (text: string, speaker = 'Sam') => ({ type: 'append', text, speaker }) as const;

describe('caption stream', () => {
  it('C1 appends ingested text to the line in progress, word by word', () => {
    const { state, lines } = run([append('We need '), append('more '), append('training')]);
    expect(state.text).toBe('We need more training');
    expect(lines).toEqual([]);
  });

  it.each([
    ['one break', ['Hello there\nNext'], ['Sam: Hello there'], 'Next'],
    ['CRLF breaks', ['a\r\nb\r\n'], ['Sam: a', 'Sam: b'], ''],
    ['a break split across posts', ['first half ', 'second\n', 'third'], ['Sam: first half second'], 'third'],
    ['empty lines commit nothing', ['\n\n\nx'], [], 'x'],
  ])('C2 commits at line breaks: %s', (_label, posts, committed, partial) => {
    const { state, lines } = run(posts.map((p) => append(p)));
    expect(lines).toEqual(committed);
    expect(state.text).toBe(partial);
  });

  it('C3 a console correction replaces the line in progress', () => {
    const { state } = run([
      { type: 'replace', text: 'We ned', speaker: 'Sam' },
      { type: 'replace', text: 'We need', speaker: 'Sam' },
    ]);
    expect(state.text).toBe('We need');
  });

  it('C4 Enter commits; an empty line commits nothing', () => {
    expect(run([{ type: 'replace', text: 'Done.', speaker: 'Ana' }, { type: 'commit' }]).lines).toEqual([
      'Ana: Done.',
    ]);
    expect(run([{ type: 'commit' }]).lines).toEqual([]);
  });

  it('C5 a line left alone is committed after the idle pause, not before', () => {
    const { state } = run([append('no breaks ever')], emptyTrack(), 0);
    expect(applyStream(state, { type: 'tick' }, CAPTION_IDLE_COMMIT_MS - 1).committed).toEqual([]);
    expect(applyStream(state, { type: 'tick' }, CAPTION_IDLE_COMMIT_MS).committed).toEqual([
      { text: 'no breaks ever', speaker: 'Sam', startedAt: 0, lineId: null, breakAfter: false },
    ]);
  });

  it('C5 a line of spaces left alone commits nothing and is cleared', () => {
    const { state } = run([append('  ')], emptyTrack(), 0);
    expect(applyStream(state, { type: 'tick' }, CAPTION_IDLE_COMMIT_MS - 1).state).toBe(state);
    const idle = applyStream(state, { type: 'tick' }, CAPTION_IDLE_COMMIT_MS);
    expect(idle.committed).toEqual([]);
    expect(idle.state.text).toBe('');
    expect(idle.partialChanged).toBe(true);
  });

  it('C6 removes control characters and collapses spaces, keeps markup as plain text', () => {
    const { lines } = run([append('a\u0007b   c\t<b>d</b>\n')]);
    expect(lines).toEqual(['Sam: ab c <b>d</b>']);
  });

  it('C6 removes direction and invisible characters from ingest and console text, keeps joiners', () => {
    const ingest = run([
      append('pay\u202e\u2066 rise\u200b\ufeff\u00ad for \u{1f469}\u200d\u{1f527}\u2028now\n'),
    ]);
    expect(ingest.lines).toEqual(['Sam: pay rise for \u{1f469}\u200d\u{1f527} now']);
    const console = run([
      { type: 'replace', text: 'a\u202db\u009b\u061cc\u200c', speaker: 'Sam' },
      { type: 'commit' },
    ]);
    expect(console.lines).toEqual(['Sam: abc\u200c']);
  });

  it('C7 commits an over-long line in pieces', () => {
    const { lines } = run([append('x'.repeat(CAPTION_LINE_MAX_CHARS + 5) + '\n')]);
    expect(lines.map((l) => l.length - 'Sam: '.length)).toEqual([CAPTION_LINE_MAX_CHARS, 5]);
  });

  it('remembers when each line began, for transcript cues', () => {
    let state = emptyTrack();
    state = applyStream(state, append('first '), 1000).state;
    const r = applyStream(state, append('line\nsecond'), 4000);
    expect(r.committed).toEqual([
      { text: 'first line', speaker: 'Sam', startedAt: 1000, lineId: null, breakAfter: true },
    ]);
    expect(r.state.startedAt).toBe(4000);
  });

  it('keeps the speaker who started a line, and gives the next line the new one', () => {
    const { lines, state } = run([append('hello ', 'Sam'), append('world\nnext', 'Ana')]);
    expect(lines).toEqual(['Sam: hello world']);
    expect(state.speaker).toBe('Ana');
  });

  it('C14 a commit names the line it commits: another line in progress stays, and the committed line keeps its id', () => {
    const typed = applyStream(
      emptyTrack(),
      { type: 'replace', text: 'Hello', speaker: 'Sam', lineId: 'line-a1' },
      1000,
    );
    expect(typed.state.lineId).toBe('line-a1');
    const late = applyStream(typed.state, { type: 'commit', lineId: 'line-z9' }, 1000);
    expect(late).toMatchObject({ state: typed.state, committed: [], partialChanged: false });
    const entered = applyStream(typed.state, { type: 'commit', lineId: 'line-a1' }, 1000);
    expect(entered.committed).toEqual([
      { text: 'Hello', speaker: 'Sam', startedAt: 1000, lineId: 'line-a1', breakAfter: false },
    ]);
    expect(entered.state.lineId).toBeNull();
    // Without an id (older pages, the ingest) a commit commits whatever is in progress, as before.
    expect(applyStream(typed.state, { type: 'commit' }, 1000).committed).toHaveLength(1);
    expect(applyStream(typed.state, append(' there'), 1000).state.lineId).toBeNull();
  });
});
