import type { Floor, QueueState } from '../../shared/queue.js';
import { REASONS } from '../../shared/protocol.js';
import { no, ok, type QueueCommand, type QueueEffect, type QueueResult } from './result.js';

/** Milliseconds left in the current turn at `now` (never negative). */
export function remainingMs(floor: Floor, now: number): number {
  if (floor.pausedRemainingMs !== null) return floor.pausedRemainingMs;
  return Math.max(0, (floor.deadline ?? now) - now);
}

// Q8: ending a turn takes publishing away from whoever spoke.
export function endTurn(state: QueueState): { state: QueueState; effects: QueueEffect[] } {
  const floor = state.floor;
  if (!floor) return { state, effects: [] };
  const effects: QueueEffect[] =
    floor.kind === 'speak' ? [{ type: 'revoke-publish', participantId: floor.participantId }] : [];
  return { state: { ...state, floor: null }, effects };
}

// Q10, Q11: the warning once before the end, then time-up once; auto-end if the session asks for it.
export function tickTurn(state: QueueState, now: number): QueueResult {
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

// Q9: pause, resume and extend the running turn; Q12: the moderator sets the limits.
export function applyTimer(
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
