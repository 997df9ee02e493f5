import { describe, expect, it } from 'vitest';
import { applyQueue, initialQueue, type Actor, type QueueCommand } from '../../server/queue/machine.js';
import type { QueueState } from '../../shared/queue.js';

const mod: Actor = { id: 'mod', role: 'moderator', name: 'Morgan' };
const sam: Actor = { id: 'sam', role: 'speaker', name: 'Sam' };
const ava: Actor = { id: 'ava', role: 'attendee', name: 'Ava' };
const T0 = Date.parse('2026-11-23T10:00:00Z');

/** Applies commands in order, failing the test on any refusal, and gathers the effects. */
function run(commands: QueueCommand[], start = initialQueue(), now = T0) {
  let state: QueueState = start;
  const effects = [];
  for (const c of commands) {
    const r = applyQueue(state, c, now);
    if (!r.ok) throw new Error(`${c.type} refused: ${r.message}`);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}
const raise = (by: Actor, topic = '', kind: 'speak' | 'remark' = 'speak', remark: string | null = null) =>
  ({ type: 'raise', by, kind, topic, remark }) as const;
const order = (s: QueueState) => s.entries.map((e) => e.participantId);

describe('the queue', () => {
  // Who may send each command (staff cannot raise hands, only moderators manage) is the policy's,
  // tested exhaustively in policy.test.ts; these are the rules of the queue's own state.
  it('Q2 queues hands in the order they came', () => {
    expect(order(run([raise(sam), raise(ava)]).state)).toEqual(['sam', 'ava']);
  });

  it('Q2 keeps one entry per person and their place when they change the topic', () => {
    const { state } = run([raise(sam, 'pay'), raise(ava), raise(sam, 'hours')]);
    expect(order(state)).toEqual(['sam', 'ava']);
    expect(state.entries[0]?.topic).toBe('hours');
  });

  it.each<[string, QueueCommand, string[] | string]>([
    ['Q3 a person lowers their own hand', { type: 'lower', by: sam, target: 'sam' }, ['ava']],
    ['Q3 a moderator lowers anyone', { type: 'lower', by: mod, target: 'ava' }, ['sam']],
    ['Q3 lowering a hand that is not raised', { type: 'lower', by: mod, target: 'nobody' }, 'not-found'],
    [
      'Q4 the moderator moves someone up',
      { type: 'move', by: mod, target: 'ava', direction: 'up' },
      ['ava', 'sam'],
    ],
    [
      'Q4 the moderator moves someone down',
      { type: 'move', by: mod, target: 'sam', direction: 'down' },
      ['ava', 'sam'],
    ],
    ['Q4 not past the top', { type: 'move', by: mod, target: 'sam', direction: 'up' }, 'invalid-payload'],
    [
      'Q4 not past the bottom',
      { type: 'move', by: mod, target: 'ava', direction: 'down' },
      'invalid-payload',
    ],
    ['Q5 the moderator lowers all hands', { type: 'lower-all', by: mod }, []],
  ])('%s', (_rule, command, expected) => {
    const { state } = run([raise(sam), raise(ava)]);
    const result = applyQueue(state, command, T0);
    if (typeof expected === 'string') {
      expect(result).toMatchObject({ ok: false, reason: expected });
    } else {
      expect(result.ok && order(result.state)).toEqual(expected);
    }
  });
});

const everyone = new Set(['sam', 'ava']);
const next = (present: ReadonlySet<string> = everyone): QueueCommand => ({ type: 'next', by: mod, present });
const give = (target: string, present: ReadonlySet<string> = everyone): QueueCommand => ({
  type: 'give',
  by: mod,
  target,
  present,
});
const accept = (by: Actor): QueueCommand => ({ type: 'accept', by });

describe('the floor', () => {
  it('Q6 Q16 gives the floor with a deadline and a publish grant once the speaker accepts', () => {
    const asked = run([raise(sam), raise(ava), give('ava')], initialQueue(), T0);
    expect(asked.state.offer).toEqual({ participantId: 'ava', name: 'Ava', expiresAt: T0 + 20_000 });
    expect(asked.state.floor).toBeNull();
    expect(asked.effects).toEqual([]);
    const { state, effects } = run([accept(ava)], asked.state, T0 + 5_000);
    expect(state.floor).toMatchObject({ participantId: 'ava', deadline: T0 + 185_000, kind: 'speak' });
    expect(state.offer).toBeNull();
    expect(order(state)).toEqual(['sam']);
    expect(effects).toEqual([{ type: 'grant-publish', participantId: 'ava' }]);
  });

  it('Q6 giving the floor to the next person ends the current turn first', () => {
    const { state, effects } = run([raise(sam), raise(ava), next(), accept(sam), next()]);
    expect(effects).toEqual([
      { type: 'grant-publish', participantId: 'sam' },
      { type: 'revoke-publish', participantId: 'sam' },
    ]);
    expect(state).toMatchObject({ floor: null, offer: { participantId: 'ava' } });
  });

  it('Q6 a written remark takes the floor at once, without a publish grant, even if its writer left', () => {
    const { state, effects } = run([raise(sam, 'jobs', 'remark', 'We need retraining.'), next(new Set())]);
    expect(state.floor).toMatchObject({ kind: 'remark', remark: 'We need retraining.' });
    expect(effects).toEqual([]);
  });

  it.each<[string, QueueCommand, string]>([
    ['Q6 only to someone in the queue', give('nobody'), 'not-found'],
    ['Q15 not to a speaker who is not in the room', give('sam', new Set(['ava'])), 'not-found'],
    ['Q15 next refuses when nobody waiting is in the room', next(new Set()), 'not-found'],
    ['Q8 there must be a turn to end', { type: 'end', by: mod }, 'not-found'],
    ['Q16 only the person asked can accept', accept(sam), 'not-found'],
  ])('%s', (_rule, command, reason) => {
    const { state } = run([raise(sam)]);
    expect(applyQueue(state, command, T0)).toMatchObject({ ok: false, reason });
  });

  it('Q15 next passes over people who are not in the room, keeps their places and names them', () => {
    const zoe: Actor = { id: 'zoe', role: 'speaker', name: 'Zoe' };
    const result = applyQueue(run([raise(sam), raise(zoe), raise(ava)]).state, next(new Set(['ava'])), T0);
    expect(result).toMatchObject({ ok: true, skipped: ['Sam', 'Zoe'] });
    expect(result.ok && result.state.offer?.participantId).toBe('ava');
    expect(result.ok && order(result.state)).toEqual(['sam', 'zoe', 'ava']);
  });

  it('Q16 next while someone is being asked asks the next person instead', () => {
    const { state } = run([raise(sam), raise(ava), next(), next()]);
    expect(state.offer?.participantId).toBe('ava');
    expect(applyQueue(state, give('ava'), T0)).toMatchObject({ ok: false, reason: 'invalid-payload' });
  });

  it('Q16 "Not now" lowers the hand and tells the moderator', () => {
    const { state, effects } = run([raise(sam), raise(ava), next(), { type: 'decline', by: sam }]);
    expect(state).toMatchObject({
      offer: null,
      floor: null,
      lastOutcome: { participantId: 'sam', name: 'Sam', outcome: 'declined', at: T0 },
    });
    expect(order(state)).toEqual(['ava']);
    expect(effects).toEqual([]);
  });

  it('Q16 End withdraws the question; lowering the hand takes it back too', () => {
    const asked = run([raise(sam), raise(ava), next()]).state;
    expect(run([{ type: 'end', by: mod }], asked).state).toMatchObject({ offer: null, floor: null });
    expect(order(run([{ type: 'end', by: mod }], asked).state)).toEqual(['sam', 'ava']);
    expect(run([{ type: 'lower', by: sam, target: 'sam' }], asked).state.offer).toBeNull();
    expect(run([{ type: 'lower-all', by: mod }], asked).state.offer).toBeNull();
    expect(run([{ type: 'lower', by: ava, target: 'ava' }], asked).state.offer?.participantId).toBe('sam');
  });

  it('Q17 an offer nobody answers goes back to the moderator; the person keeps their place', () => {
    const asked = run([raise(sam), raise(ava), next()]).state;
    const early = applyQueue(asked, { type: 'tick' }, T0 + 19_999);
    expect(early.ok && early.state).toBe(asked);
    const late = applyQueue(asked, { type: 'tick' }, T0 + 20_000);
    expect(late.ok && late.state).toMatchObject({
      offer: null,
      lastOutcome: { participantId: 'sam', outcome: 'no-answer', at: T0 + 20_000 },
    });
    expect(late.ok && order(late.state)).toEqual(['sam', 'ava']);
    expect(late.ok && late.effects).toEqual([]);
    expect(late.ok && applyQueue(late.state, accept(sam), T0 + 20_001)).toMatchObject({ ok: false });
  });

  it('Q7 next on an empty queue is refused', () => {
    expect(applyQueue(initialQueue(), next(), T0)).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it('Q1 the floor holder cannot raise a hand', () => {
    const { state } = run([raise(sam), next(), accept(sam)]);
    expect(applyQueue(state, raise(sam), T0)).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('Q8 ending a speaking turn revokes publishing and clears the floor', () => {
    const { state, effects } = run([raise(sam), next(), accept(sam), { type: 'end', by: mod }]);
    expect(state.floor).toBeNull();
    expect(effects.at(-1)).toEqual({ type: 'revoke-publish', participantId: 'sam' });
  });
});

describe('the timer', () => {
  const speaking = () => run([raise(sam), next(), accept(sam)]).state;

  it('Q9 pause keeps the time left; resume sets a new deadline from it', () => {
    const paused = applyQueue(speaking(), { type: 'pause', by: mod }, T0 + 60_000);
    expect(paused.ok && paused.state.floor).toMatchObject({ deadline: null, pausedRemainingMs: 120_000 });
    const resumed = paused.ok ? applyQueue(paused.state, { type: 'resume', by: mod }, T0 + 600_000) : paused;
    expect(resumed.ok && resumed.state.floor).toMatchObject({
      deadline: T0 + 720_000,
      pausedRemainingMs: null,
    });
  });

  it('Q9 extend adds time and re-arms the warning', () => {
    const warned = applyQueue(speaking(), { type: 'tick' }, T0 + 170_000);
    expect(warned.ok && warned.state.floor?.warned).toBe(true);
    const extended = warned.ok
      ? applyQueue(warned.state, { type: 'extend', by: mod, ms: 60_000 }, T0 + 170_000)
      : warned;
    expect(extended.ok && extended.state.floor).toMatchObject({ deadline: T0 + 240_000, warned: false });
  });

  it('Q10 warns once when 30 s are left', () => {
    const early = applyQueue(speaking(), { type: 'tick' }, T0 + 149_000);
    expect(early.ok && early.effects).toEqual([]);
    const at = applyQueue(speaking(), { type: 'tick' }, T0 + 150_000);
    expect(at.ok && at.effects).toEqual([{ type: 'time-warning', participantId: 'sam' }]);
    const again = at.ok ? applyQueue(at.state, { type: 'tick' }, T0 + 151_000) : at;
    expect(again.ok && again.effects).toEqual([]);
  });

  it('Q11 at zero marks the turn expired and prompts, once', () => {
    const up = applyQueue(speaking(), { type: 'tick' }, T0 + 180_000);
    expect(up.ok && up.effects).toEqual([{ type: 'time-up', participantId: 'sam' }]);
    expect(up.ok && up.state.floor?.expired).toBe(true);
    const again = up.ok ? applyQueue(up.state, { type: 'tick' }, T0 + 190_000) : up;
    expect(again.ok && again.effects).toEqual([]);
  });

  it('Q11 with auto-end on, the turn ends by itself at zero', () => {
    const state = run([
      { type: 'configure', by: mod, settings: { autoEnd: true } },
      raise(sam),
      next(),
      accept(sam),
    ]).state;
    const up = applyQueue(state, { type: 'tick' }, T0 + 180_000);
    expect(up.ok && up.state.floor).toBeNull();
    expect(up.ok && up.effects).toEqual([
      { type: 'time-up', participantId: 'sam' },
      { type: 'revoke-publish', participantId: 'sam' },
    ]);
  });

  it('Q13 a refusal leaves the state untouched', () => {
    const before = speaking();
    const copy = structuredClone(before);
    applyQueue(before, { type: 'pause', by: sam }, T0);
    applyQueue(before, { type: 'resume', by: mod }, T0);
    expect(before).toEqual(copy);
  });
});
