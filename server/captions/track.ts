import { CAPTION_LINE_MAX_CHARS } from '../../shared/captions.js';
import { stripForbidden } from '../../shared/text.js';

/** One language track's line in progress. */
export interface TrackState {
  text: string;
  speaker: string;
  /** Epoch ms when the line in progress got its first text: the cue's start in transcripts. */
  startedAt: number;
  /** Epoch ms of the last change to the line in progress. */
  changedAt: number;
  /** The console's id for the line in progress (C14); null for text from the ingest. */
  lineId: string | null;
  /** C16: the committed line being written again (backspaces reached back into it); absent otherwise. */
  reopens?: number;
}

/** The last committed line of a track: what a backspace may reach back into (C16). */
export interface ReachableLine {
  seq: number;
  text: string;
  speaker: string;
  startedAt: number;
  /** Whether the software's line break committed it: that break is the first thing a backspace removes. */
  breakAfter: boolean;
}

/** A new line to number, store and send. */
export interface CommittedLine {
  text: string;
  speaker: string;
  startedAt: number;
  lineId: string | null;
  breakAfter: boolean;
}

/** A committed line written again (C17): its new text, stored in place and sent as a correction. */
export interface Correction {
  seq: number;
  text: string;
  speaker: string;
  breakAfter: boolean;
}

/** A line being written, before it is committed. */
export interface Draft {
  text: string;
  speaker: string;
  startedAt: number;
  lineId: string | null;
  reopens?: number;
}

export const emptyTrack = (): TrackState => ({
  text: '',
  speaker: '',
  startedAt: 0,
  changedAt: 0,
  lineId: null,
});

/** A track with nothing in progress: no text, and no committed line reopened (C16) either. */
export const isEmptyTrack = (state: TrackState) => state.text === '' && state.reopens === undefined;

/** The line in progress as a track's state, as of `now`. */
export function trackOf(draft: Draft, now: number): TrackState {
  const { text, speaker, startedAt, lineId, reopens } = draft;
  return { text, speaker, startedAt, changedAt: now, lineId, ...(reopens === undefined ? {} : { reopens }) };
}

// C6: captions are text, never markup, control, direction or invisible characters (T7 in
// shared/TEXT.md); they are removed, not refused, since captioning software cannot correct itself.
// Line feeds and carriage returns stay (they commit lines); other line breaks become spaces.
// Backspaces (U+0008) are applied before this, by the ingest (C15, C16): none is ever stored.
export function cleanCaption(text: string): string {
  return stripForbidden(text.replace(/[\v\f\u0085\u2028\u2029]/g, ' ')).replace(/[ \t]+/g, ' ');
}

function splitLong(text: string): string[] {
  const parts: string[] = [];
  for (let rest = text; rest.length > 0; rest = rest.slice(CAPTION_LINE_MAX_CHARS)) {
    parts.push(rest.slice(0, CAPTION_LINE_MAX_CHARS));
  }
  return parts;
}

/** C15: the text without its last character (a whole code point, never half a surrogate pair). */
export function dropLast(text: string): string {
  const pair = text.length > 1 && /[\uD800-\uDBFF][\uDC00-\uDFFF]$/.test(text);
  return text.slice(0, pair ? -2 : -1);
}

/** What one command commits: new lines and corrections, in order. */
export function createOutcome() {
  const committed: CommittedLine[] = [];
  const corrected: Correction[] = [];
  return {
    committed,
    corrected,
    /**
     * Commits a draft: a new line (C2, C4, C5), or the correction of the line it reopened (C17).
     * C7: a line longer than the limit is committed in pieces, never dropped; a reopened line keeps
     * the first piece. A new line of spaces commits nothing; a reopened line emptied by backspaces
     * is corrected to nothing (taken back).
     */
    finish(draft: Draft, breakAfter: boolean) {
      const { speaker, startedAt, lineId } = draft;
      const parts = splitLong(draft.text.trim());
      if (draft.reopens !== undefined) {
        const first = parts.shift() ?? '';
        corrected.push({ seq: draft.reopens, text: first, speaker, breakAfter: breakAfter && !parts.length });
      }
      parts.forEach((text, i) => {
        committed.push({
          text,
          speaker,
          startedAt,
          lineId,
          breakAfter: breakAfter && i === parts.length - 1,
        });
      });
    },
  };
}
