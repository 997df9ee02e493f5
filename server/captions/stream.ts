import { CAPTION_IDLE_COMMIT_MS, CAPTION_LINE_MAX_CHARS } from '../../shared/captions.js';
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
}

export type StreamCommand =
  /** Ingest: text appended; every line break commits what precedes it (C1, C2). */
  | { type: 'append'; text: string; speaker: string }
  /** Console: the whole line in progress, as corrected by the captioner (C3), and its id (C14). */
  | { type: 'replace'; text: string; speaker: string; lineId?: string }
  /** Console: Enter (C4); with an id, only the line in progress of that id (C14). */
  | { type: 'commit'; lineId?: string }
  /** Time passes: a line left alone for CAPTION_IDLE_COMMIT_MS is committed (C5). */
  | { type: 'tick' };

export interface StreamResult {
  state: TrackState;
  /** Lines to number, store and send, in order. */
  committed: { text: string; speaker: string; startedAt: number; lineId: string | null }[];
  /** Whether viewers should see a new line in progress. */
  partialChanged: boolean;
}

export const emptyTrack = (): TrackState => ({
  text: '',
  speaker: '',
  startedAt: 0,
  changedAt: 0,
  lineId: null,
});

// C6: captions are text, never markup, control, direction or invisible characters (T7 in
// shared/TEXT.md); they are removed, not refused, since captioning software cannot correct itself.
// Line feeds and carriage returns stay (they commit lines); other line breaks become spaces.
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

/** The caption stream of one language track, as a pure function (rules C1-C7 in SPEC.md). */
export function applyStream(state: TrackState, command: StreamCommand, now: number): StreamResult {
  const committed: StreamResult['committed'] = [];
  const commit = (text: string, speaker: string, startedAt: number, lineId: string | null = null) => {
    const line = text.trim();
    // C7: a line longer than the limit is committed in pieces, never dropped.
    if (line) for (const part of splitLong(line)) committed.push({ text: part, speaker, startedAt, lineId });
  };
  const startOf = (text: string) => (text ? state.startedAt : now);
  switch (command.type) {
    case 'append': {
      const pieces = cleanCaption(command.text).split(/\r\n|\r|\n/);
      let text = state.text;
      let speaker = state.text ? state.speaker : command.speaker;
      let startedAt = startOf(state.text);
      pieces.forEach((piece, i) => {
        if (i > 0) {
          commit(text, speaker, startedAt);
          text = '';
          speaker = command.speaker;
          startedAt = now;
        }
        text += piece;
      });
      const next = { text, speaker, startedAt, changedAt: now, lineId: null };
      return { state: next, committed, partialChanged: next.text !== state.text || committed.length > 0 };
    }
    case 'replace': {
      const text = cleanCaption(command.text).replace(/[\r\n]+/g, ' ');
      const lineId = command.lineId ?? null;
      return {
        state: { text, speaker: command.speaker, startedAt: startOf(state.text), changedAt: now, lineId },
        committed,
        partialChanged: text !== state.text,
      };
    }
    case 'commit':
      // C14: a commit for another line (one already committed, come late or again) changes nothing.
      if (command.lineId !== undefined && command.lineId !== state.lineId) {
        return { state, committed, partialChanged: false };
      }
      commit(state.text, state.speaker, state.startedAt, state.lineId);
      return { state: { ...emptyTrack(), changedAt: now }, committed, partialChanged: state.text !== '' };
    case 'tick':
      if (!state.text || now - state.changedAt < CAPTION_IDLE_COMMIT_MS) {
        return { state, committed, partialChanged: false };
      }
      // A line of spaces commits nothing (C4) but is cleared too, so no track stays held for it.
      commit(state.text, state.speaker, state.startedAt, state.lineId);
      return { state: { ...emptyTrack(), changedAt: now }, committed, partialChanged: true };
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}
