import {
  cleanCaption,
  createOutcome,
  dropLast,
  isEmptyTrack,
  trackOf,
  type Draft,
  type ReachableLine,
  type TrackState,
} from './track.js';

/** What `appendText` gives back: the track after it, and what it committed (see StreamResult). */
export type AppendResult = ReturnType<typeof createOutcome> & { state: TrackState; partialChanged: boolean };

const BACKSPACE = '\u0008';
/** Splits text around each backspace, keeping them. */
const SPLIT_AT_BACKSPACES = new RegExp(`(${BACKSPACE})`);

/**
 * Text from captioning software appended to the line in progress (C1); every line break commits
 * what precedes it (C2); every backspace removes the character before it (C15), reaching back across
 * a line break into the last committed line of the track, `last`, at most once (C16).
 */
export function appendText(
  state: TrackState,
  text: string,
  speaker: string,
  last: ReachableLine | null,
  now: number,
): AppendResult {
  const outcome = createOutcome();
  const fresh = (): Draft => ({ text: '', speaker, startedAt: now, lineId: null });
  let draft: Draft = isEmptyTrack(state) ? fresh() : { ...state, lineId: null };
  // Each line break of this text, with what it committed and the draft as it was before it: a
  // backspace that meets an empty line takes the break back, and the draft goes on as it was.
  const breaks: { committed: number; corrected: number; draft: Draft }[] = [];
  let reachedBack = state.reopens !== undefined;

  const backspace = (): Draft => {
    if (draft.text !== '') return { ...draft, text: dropLast(draft.text) };
    const undone = breaks.pop();
    if (undone) {
      outcome.committed.length = undone.committed;
      outcome.corrected.length = undone.corrected;
      return undone.draft;
    }
    // C16: across the break into the line committed before this text, once. A line the software
    // ended with a break loses the break first; a line committed otherwise (the idle commit, Enter)
    // had no break to lose, so its last character goes.
    if (reachedBack || !last) return draft;
    reachedBack = true;
    const reopened = last.breakAfter ? last.text : dropLast(last.text);
    return {
      text: reopened,
      speaker: last.speaker,
      startedAt: last.startedAt,
      lineId: null,
      reopens: last.seq,
    };
  };

  for (const token of text.split(SPLIT_AT_BACKSPACES)) {
    if (token === BACKSPACE) {
      draft = backspace();
      continue;
    }
    cleanCaption(token)
      .split(/\r\n|\r|\n/)
      .forEach((piece, i) => {
        if (i > 0) {
          const { committed, corrected } = outcome;
          breaks.push({ committed: committed.length, corrected: corrected.length, draft });
          outcome.finish(draft, true);
          draft = fresh();
        }
        draft = { ...draft, text: draft.text + piece };
      });
  }
  const next = trackOf(draft, now);
  const partialChanged =
    next.text !== state.text ||
    next.reopens !== state.reopens ||
    outcome.committed.length > 0 ||
    outcome.corrected.length > 0;
  return { ...outcome, state: next, partialChanged };
}
