import type { Floor, QueueEntry, QueueState, Voice } from '../../shared/queue.js';
import { ok, type QueueEffect, type QueueResult } from './result.js';

// Sign language on the floor (queue rules Q18-Q20 in SPEC.md): a speaker who signs is voiced by the
// active interpreter. Pure, like the rest of the machine: who signs and who the interpreter is come
// in with the command; the grant that follows goes out as an effect.

/** Q18: the voice a speaking turn gets: the interpreter's, when its holder signs and one is pinned. */
export function voiceFor(signs: boolean | undefined, voice: Voice | null | undefined): Voice | null {
  return signs ? (voice ?? null) : null;
}

/** The signing fields of a floor given to `entry` (none for a speaker who does not sign). */
export function signingOf(
  entry: QueueEntry,
  voice: Voice | null | undefined,
): Pick<Floor, 'signs' | 'voicedBy'> {
  if (entry.kind !== 'speak' || !entry.signs) return {};
  return { signs: true, voicedBy: voiceFor(true, voice) };
}

/** The publishing a speaking turn is granted: camera and microphone, or the camera only (A41). */
export function grantFor(floor: Pick<Floor, 'participantId' | 'voicedBy'>): QueueEffect {
  return floor.voicedBy
    ? { type: 'grant-publish', participantId: floor.participantId, cameraOnly: true }
    : { type: 'grant-publish', participantId: floor.participantId };
}

const sameVoice = (a: Voice | null | undefined, b: Voice | null | undefined) =>
  (a?.participantId ?? null) === (b?.participantId ?? null) && (a?.name ?? null) === (b?.name ?? null);

/**
 * A speaking floor with these signing fields, and the grant to send when whether it is voiced
 * changed (the microphone goes or comes back); the same floor when nothing changed.
 */
function resign(floor: Floor, signs: boolean, voice: Voice | null): { floor: Floor; effects: QueueEffect[] } {
  const voicedBy = voiceFor(signs, voice);
  if (Boolean(floor.signs) === signs && sameVoice(floor.voicedBy, voicedBy)) return { floor, effects: [] };
  const next: Floor = { ...floor, signs: true, voicedBy };
  if (!signs) {
    delete next.signs;
    delete next.voicedBy;
  }
  const grantChanged = Boolean(floor.voicedBy) !== Boolean(voicedBy);
  return { floor: next, effects: grantChanged ? [grantFor(next)] : [] };
}

/**
 * Q19: a person is marked as signing, or not. Their queue entry says so; if they hold the floor for
 * a speaking turn, the turn is voiced (or no longer) at once. Anyone else: nothing in the queue
 * changes (the mark is kept on their link, for when they raise a hand).
 */
export function markSigning(
  state: QueueState,
  target: string,
  signs: boolean,
  voice: Voice | null,
): QueueResult {
  let changed = false;
  const entries = state.entries.map((e) => {
    if (e.participantId !== target || Boolean(e.signs) === signs) return e;
    changed = true;
    const next: QueueEntry = { ...e, signs: true };
    if (!signs) delete next.signs;
    return next;
  });
  const floor = state.floor;
  if (floor?.participantId !== target || floor.kind !== 'speak') {
    return ok(changed ? { ...state, entries } : state);
  }
  const next = resign(floor, signs, voice);
  if (!changed && next.floor === floor) return ok(state);
  return ok({ ...state, entries, floor: next.floor }, next.effects);
}

/** Q20: the active interpreter changed: a signing turn is voiced by the new one (or by nobody). */
export function revoice(state: QueueState, voice: Voice | null): QueueResult {
  const floor = state.floor;
  if (!floor?.signs || floor.kind !== 'speak') return ok(state);
  const next = resign(floor, true, voice);
  return next.floor === floor ? ok(state) : ok({ ...state, floor: next.floor }, next.effects);
}
