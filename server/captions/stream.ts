import { CAPTION_IDLE_COMMIT_MS } from '../../shared/captions.js';
import { appendText } from './append.js';
import {
  cleanCaption,
  createOutcome,
  emptyTrack,
  isEmptyTrack,
  type CommittedLine,
  type Correction,
  type ReachableLine,
  type TrackState,
} from './track.js';

// The machine's callers take its state's types and helpers from here, one module for the machine.
export {
  cleanCaption,
  emptyTrack,
  isEmptyTrack,
  type CommittedLine,
  type Correction,
  type ReachableLine,
  type TrackState,
} from './track.js';

export type StreamCommand =
  /**
   * Ingest: text appended; every line break commits what precedes it (C1, C2); backspaces remove
   * characters, reaching back into `last`, the track's last committed line (C15, C16).
   */
  | { type: 'append'; text: string; speaker: string; last?: ReachableLine | null }
  /** Console: the whole line in progress, as corrected by the captioner (C3), and its id (C14). */
  | { type: 'replace'; text: string; speaker: string; lineId?: string }
  /** Console: Enter (C4); with an id, only the line in progress of that id (C14). */
  | { type: 'commit'; lineId?: string }
  /** Time passes: a line left alone for CAPTION_IDLE_COMMIT_MS is committed (C5). */
  | { type: 'tick' };

export interface StreamResult {
  state: TrackState;
  /** Lines to number, store and send, in order. */
  committed: CommittedLine[];
  /** Committed lines written again (C17), to store in place and send as corrections. */
  corrected: Correction[];
  /** Whether viewers should see a new line in progress. */
  partialChanged: boolean;
}

/** The caption stream of one language track, as a pure function (rules C1-C7, C14-C17 in SPEC.md). */
export function applyStream(state: TrackState, command: StreamCommand, now: number): StreamResult {
  const outcome = createOutcome();
  const { committed, corrected } = outcome;
  const unchanged = { state, committed, corrected, partialChanged: false };
  const cleared = { ...emptyTrack(), changedAt: now };
  switch (command.type) {
    case 'append':
      return appendText(state, command.text, command.speaker, command.last ?? null, now);
    case 'replace': {
      // C17: a line the ingest reopened is committed again before the console's line replaces it.
      if (state.reopens !== undefined) outcome.finish(state, false);
      const text = cleanCaption(command.text).replace(/[\r\n]+/g, ' ');
      const lineId = command.lineId ?? null;
      const startedAt = state.text && state.reopens === undefined ? state.startedAt : now;
      return {
        state: { text, speaker: command.speaker, startedAt, changedAt: now, lineId },
        committed,
        corrected,
        partialChanged: text !== state.text || corrected.length > 0,
      };
    }
    case 'commit':
      // C14: a commit for another line (one already committed, come late or again) changes nothing.
      if (command.lineId !== undefined && command.lineId !== state.lineId) return unchanged;
      outcome.finish(state, false);
      return { state: cleared, committed, corrected, partialChanged: !isEmptyTrack(state) };
    case 'tick':
      if (isEmptyTrack(state) || now - state.changedAt < CAPTION_IDLE_COMMIT_MS) return unchanged;
      // A line of spaces commits nothing (C4) but is cleared too, so no track stays held for it.
      outcome.finish(state, false);
      return { state: cleared, committed, corrected, partialChanged: true };
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}
