import type { Floor, HandKind, QueueSettings, QueueState } from '../../shared/queue.js';
import { DEFAULT_SPEAKING_LIMIT_MS, DEFAULT_WARNING_MS } from '../../shared/queue.js';
import { REASONS, type Reason } from '../../shared/protocol.js';
import type { InviteRole } from '../../shared/roles.js';

/** Who sends a command. */
export interface Actor {
  id: string;
  role: InviteRole;
  name: string;
}

export type QueueCommand =
  | { type: 'raise'; by: Actor; kind: HandKind; topic: string; remark: string | null }
  | { type: 'lower'; by: Actor; target: string }
  | { type: 'move'; by: Actor; target: string; direction: 'up' | 'down' }
  | { type: 'lower-all'; by: Actor }
  | { type: 'give'; by: Actor; target: string }
  | { type: 'next'; by: Actor }
  | { type: 'end'; by: Actor }
  | { type: 'pause'; by: Actor }
  | { type: 'resume'; by: Actor }
  | { type: 'extend'; by: Actor; ms: number }
  | { type: 'configure'; by: Actor; settings: Partial<QueueSettings> }
  | { type: 'tick' };

export type QueueEffect =
  | { type: 'grant-publish'; participantId: string }
  | { type: 'revoke-publish'; participantId: string }
  | { type: 'time-warning'; participantId: string }
  | { type: 'time-up'; participantId: string };

export type QueueResult =
  { ok: true; state: QueueState; effects: QueueEffect[] } | { ok: false; reason: Reason; message: string };

export function initialQueue(settings: Partial<QueueSettings> = {}): QueueState {
  return {
    revision: 0,
    entries: [],
    floor: null,
    settings: {
      speakingLimitMs: DEFAULT_SPEAKING_LIMIT_MS,
      warningMs: DEFAULT_WARNING_MS,
      autoEnd: false,
      ...settings,
    },
  };
}

const ok = (state: QueueState, effects: QueueEffect[] = []): QueueResult => ({ ok: true, state, effects });
const no = (reason: Reason, message: string): QueueResult => ({ ok: false, reason, message });

/** Milliseconds left in the current turn at `now` (never negative). */
export function remainingMs(floor: Floor, now: number): number {
  if (floor.pausedRemainingMs !== null) return floor.pausedRemainingMs;
  return Math.max(0, (floor.deadline ?? now) - now);
}

// Q8: ending a turn takes publishing away from whoever spoke.
function endTurn(state: QueueState): { state: QueueState; effects: QueueEffect[] } {
  const floor = state.floor;
  if (!floor) return { state, effects: [] };
  const effects: QueueEffect[] =
    floor.kind === 'speak' ? [{ type: 'revoke-publish', participantId: floor.participantId }] : [];
  return { state: { ...state, floor: null }, effects };
}

// Q6: the floor goes to someone in the queue; any current turn ends first.
function give(state: QueueState, target: string, now: number): QueueResult {
  const entry = state.entries.find((e) => e.participantId === target);
  if (!entry) return no(REASONS.notFound, 'That person is not in the queue.');
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
  };
  const effects: QueueEffect[] = [...ended.effects];
  if (entry.kind === 'speak') effects.push({ type: 'grant-publish', participantId: entry.participantId });
  return ok({ ...ended.state, entries: state.entries.filter((e) => e !== entry), floor }, effects);
}

// Q10, Q11: the warning once before the end, then time-up once; auto-end if the session asks for it.
function tick(state: QueueState, now: number): QueueResult {
  const floor = state.floor;
  if (!floor || floor.deadline === null) return ok(state);
  const left = remainingMs(floor, now);
  if (left === 0 && !floor.expired) {
    const effects: QueueEffect[] = [{ type: 'time-up', participantId: floor.participantId }];
    if (state.settings.autoEnd) {
      const ended = endTurn(state);
      return ok(ended.state, [...effects, ...ended.effects]);
    }
    return ok({ ...state, floor: { ...floor, expired: true, warned: true } }, effects);
  }
  if (left > 0 && left <= state.settings.warningMs && !floor.warned) {
    return ok({ ...state, floor: { ...floor, warned: true } }, [
      { type: 'time-warning', participantId: floor.participantId },
    ]);
  }
  return ok(state);
}

/**
 * The speaker queue, the floor and the turn timer as one pure function (rules in SPEC.md).
 * No I/O and no clocks: `now` comes in, effects for LiveKit and announcements go out. Who may
 * send which command is the policy's (server/policy/SPEC.md), asked before this runs.
 */
export function applyQueue(state: QueueState, command: QueueCommand, now: number): QueueResult {
  if (command.type === 'tick') return tick(state, now);
  switch (command.type) {
    case 'raise': {
      // Q1: not while holding the floor; Q2: once each, keeping their place when they change the topic.
      if (state.floor?.participantId === command.by.id)
        return no(REASONS.forbidden, 'You already have the floor.');
      const hand = {
        kind: command.kind,
        topic: command.topic,
        remark: command.remark,
        name: command.by.name,
      };
      const existing = state.entries.find((e) => e.participantId === command.by.id);
      const entries = existing
        ? state.entries.map((e) => (e === existing ? { ...e, ...hand } : e))
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
      return ok({ ...state, entries: state.entries.filter((e) => e.participantId !== command.target) });
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
      return ok({ ...state, entries: [] });
    case 'give':
      return give(state, command.target, now);
    case 'next': {
      // Q7: the first in line.
      const first = state.entries[0];
      return first ? give(state, first.participantId, now) : no(REASONS.notFound, 'The queue is empty.');
    }
    case 'end': {
      if (!state.floor) return no(REASONS.notFound, 'No one has the floor.');
      const ended = endTurn(state);
      return ok(ended.state, ended.effects);
    }
    case 'pause':
    case 'resume':
    case 'extend':
    case 'configure':
      return applyTimer(state, command, now);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

// Q9: pause, resume and extend the running turn; Q12: the moderator sets the limits.
function applyTimer(
  state: QueueState,
  command: Extract<QueueCommand, { type: 'pause' | 'resume' | 'extend' | 'configure' }>,
  now: number,
): QueueResult {
  if (command.type === 'configure')
    return ok({ ...state, settings: { ...state.settings, ...command.settings } });
  const floor = state.floor;
  if (!floor) return no(REASONS.notFound, 'No one has the floor.');
  switch (command.type) {
    case 'pause':
      if (floor.deadline === null) return no(REASONS.invalidPayload, 'The timer is already paused.');
      return ok({
        ...state,
        floor: { ...floor, deadline: null, pausedRemainingMs: remainingMs(floor, now) },
      });
    case 'resume':
      if (floor.pausedRemainingMs === null) return no(REASONS.invalidPayload, 'The timer is running.');
      return ok({
        ...state,
        floor: { ...floor, deadline: now + floor.pausedRemainingMs, pausedRemainingMs: null },
      });
    case 'extend': {
      const left = remainingMs(floor, now) + command.ms;
      const running = floor.deadline !== null;
      const warned = left <= state.settings.warningMs;
      return ok({
        ...state,
        floor: {
          ...floor,
          deadline: running ? now + left : null,
          pausedRemainingMs: running ? null : left,
          warned,
          expired: false,
        },
      });
    }
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}
