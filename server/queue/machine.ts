import type { Floor, QueueEntry, QueueSettings, QueueState, Voice } from '../../shared/queue.js';
import { DEFAULT_SPEAKING_LIMIT_MS, DEFAULT_WARNING_MS, OFFER_TIMEOUT_MS } from '../../shared/queue.js';
import { REASONS } from '../../shared/protocol.js';
import { no, ok, type Present, type QueueCommand, type QueueEffect, type QueueResult } from './result.js';
import { grantFor, markSigning, revoice, signingOf } from './signing.js';
import { applyTimer, endTurn, tickTurn } from './timer.js';

export type { Actor, Present, QueueCommand, QueueEffect, QueueResult } from './result.js';
export { remainingMs } from './timer.js';

export function initialQueue(settings: Partial<QueueSettings> = {}): QueueState {
  return {
    revision: 0,
    entries: [],
    floor: null,
    offer: null,
    lastOutcome: null,
    settings: {
      speakingLimitMs: DEFAULT_SPEAKING_LIMIT_MS,
      warningMs: DEFAULT_WARNING_MS,
      autoEnd: false,
      ...settings,
    },
  };
}

// Q6, Q16: a turn starts, taking the person out of the queue; a speaking turn grants camera and mic
// (Q18: the camera only when the interpreter voices a signing speaker).
function startTurn(state: QueueState, entry: QueueEntry, now: number, voice?: Voice | null): QueueResult {
  const ended = endTurn(state);
  const floor: Floor = {
    participantId: entry.participantId,
    name: entry.name,
    kind: entry.kind,
    topic: entry.topic,
    remark: entry.remark,
    startedAt: new Date(now).toISOString(),
    deadline: now + state.settings.speakingLimitMs,
    pausedRemainingMs: null,
    warned: false,
    expired: false,
    ...signingOf(entry, voice),
  };
  const effects: QueueEffect[] = [...ended.effects];
  if (entry.kind === 'speak') effects.push(grantFor(floor));
  const entries = state.entries.filter((e) => e.participantId !== entry.participantId);
  return ok({ ...ended.state, entries, floor, offer: null }, effects);
}

// Q15: a speaking turn needs the person in the room; a written remark is read without them.
const canBeGiven = (entry: QueueEntry, present: Present) =>
  entry.kind === 'remark' || present.has(entry.participantId);

// Q6, Q15, Q16: the current turn ends; a remark takes the floor at once, a speaker is asked first.
function give(state: QueueState, entry: QueueEntry, now: number): QueueResult {
  if (entry.kind === 'remark') return startTurn(state, entry, now);
  const ended = endTurn(state);
  const offer = { participantId: entry.participantId, name: entry.name, expiresAt: now + OFFER_TIMEOUT_MS };
  return ok({ ...ended.state, offer, lastOutcome: null }, ended.effects);
}

function giveTo(state: QueueState, target: string, present: Present, now: number): QueueResult {
  const entry = state.entries.find((e) => e.participantId === target);
  if (!entry) return no(REASONS.notFound, 'That person is not in the queue.');
  if (state.offer?.participantId === target)
    return no(REASONS.invalidPayload, `${entry.name} is being asked already.`);
  if (!canBeGiven(entry, present)) return no(REASONS.notFound, `${entry.name} is not in the room right now.`);
  return give(state, entry, now);
}

// Q7, Q15: the first in line who can take it, passing over (and naming) those not in the room.
function next(state: QueueState, present: Present, now: number): QueueResult {
  const waiting = state.entries.filter((e) => e.participantId !== state.offer?.participantId);
  if (waiting.length === 0) return no(REASONS.notFound, 'The queue is empty.');
  const first = waiting.findIndex((e) => canBeGiven(e, present));
  if (first < 0) {
    const names = waiting.map((e) => e.name).join(', ');
    return no(REASONS.notFound, `Nobody waiting is in the room now: ${names}.`);
  }
  const result = give(state, waiting[first]!, now);
  return result.ok ? { ...result, skipped: waiting.slice(0, first).map((e) => e.name) } : result;
}

// Q16: only the person asked answers; "Not now" lowers their hand.
function answer(
  state: QueueState,
  command: Extract<QueueCommand, { type: 'accept' | 'decline' }>,
  now: number,
) {
  const offer = state.offer;
  const entry = state.entries.find((e) => e.participantId === command.by.id);
  if (offer?.participantId !== command.by.id || !entry)
    return no(REASONS.notFound, 'The floor is not being offered to you now.');
  if (command.type === 'accept') return startTurn(state, entry, now, command.voice);
  return ok({
    ...state,
    offer: null,
    entries: state.entries.filter((e) => e !== entry),
    lastOutcome: { participantId: entry.participantId, name: entry.name, outcome: 'declined', at: now },
  });
}

// Q17: an offer nobody answered goes back to the moderator; the person keeps their place.
function tick(state: QueueState, now: number): QueueResult {
  const offer = state.offer;
  if (offer && now >= offer.expiresAt) {
    const { participantId, name } = offer;
    return ok({
      ...state,
      offer: null,
      lastOutcome: { participantId, name, outcome: 'no-answer', at: now },
    });
  }
  return tickTurn(state, now);
}

/** A hand that goes down takes back any question put to that person. */
function withoutEntries(state: QueueState, keep: (e: QueueEntry) => boolean): QueueState {
  const entries = state.entries.filter(keep);
  const offer = state.offer && entries.some((e) => e.participantId === state.offer?.participantId);
  return { ...state, entries, offer: offer ? state.offer : null };
}

/**
 * The speaker queue, the floor and the turn timer as one pure function (rules in SPEC.md).
 * No I/O and no clocks: `now` and who is present come in, effects for LiveKit go out. Who may
 * send which command is the policy's (server/policy/SPEC.md), asked before this runs.
 */
export function applyQueue(state: QueueState, command: QueueCommand, now: number): QueueResult {
  switch (command.type) {
    case 'tick':
      return tick(state, now);
    case 'raise': {
      // Q1: not while holding the floor; Q2: once each, keeping their place when they change the topic.
      if (state.floor?.participantId === command.by.id)
        return no(REASONS.forbidden, 'You already have the floor.');
      const hand = {
        kind: command.kind,
        topic: command.topic,
        remark: command.remark,
        name: command.by.name,
        // Q18: whether they sign, as the store says now.
        ...(command.signs ? { signs: true } : {}),
      };
      const existing = state.entries.find((e) => e.participantId === command.by.id);
      const update = (e: QueueEntry): QueueEntry => {
        const next: QueueEntry = { ...e, ...hand };
        if (!command.signs) delete next.signs;
        return next;
      };
      const entries = existing
        ? state.entries.map((e) => (e === existing ? update(e) : e))
        : [
            ...state.entries,
            { participantId: command.by.id, ...hand, raisedAt: new Date(now).toISOString() },
          ];
      return ok({ ...state, entries });
    }
    case 'lower': {
      // Q3: a hand that is raised (whose: the policy, A10 and A11).
      if (!state.entries.some((e) => e.participantId === command.target)) {
        return no(REASONS.notFound, 'That hand is not raised.');
      }
      return ok(withoutEntries(state, (e) => e.participantId !== command.target));
    }
    case 'move': {
      // Q4: one step at a time; moving past either end is refused.
      const i = state.entries.findIndex((e) => e.participantId === command.target);
      const j = command.direction === 'up' ? i - 1 : i + 1;
      if (i < 0) return no(REASONS.notFound, 'That person is not in the queue.');
      if (j < 0 || j >= state.entries.length)
        return no(REASONS.invalidPayload, 'Already at that end of the queue.');
      const entries = [...state.entries];
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
      return ok({ ...state, entries });
    }
    case 'lower-all':
      // Q5
      return ok(withoutEntries(state, () => false));
    case 'give':
      return giveTo(state, command.target, command.present, now);
    case 'next':
      return next(state, command.present, now);
    case 'accept':
    case 'decline':
      return answer(state, command, now);
    case 'end': {
      // Q8; Q16: while someone is being asked, End withdraws the question.
      if (state.offer) return ok({ ...state, offer: null });
      if (!state.floor) return no(REASONS.notFound, 'No one has the floor.');
      const ended = endTurn(state);
      return ok(ended.state, ended.effects);
    }
    case 'pause':
    case 'resume':
    case 'extend':
    case 'configure':
      return applyTimer(state, command, now);
    case 'mark-signing':
      return markSigning(state, command.target, command.signs, command.voice);
    case 'voice':
      return revoice(state, command.voice);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}
