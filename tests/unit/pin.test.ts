import { describe, expect, it } from 'vitest';
import { decidePin, defaultFloorHolder, type PinCommand, type PinPerson } from '../../server/room/pin.js';

const people: PinPerson[] = [
  { id: 'mod', role: 'moderator', online: true },
  { id: 'ana', role: 'interpreter', online: true },
  { id: 'ben', role: 'interpreter', online: true },
  { id: 'cy', role: 'interpreter', online: false },
  { id: 'att', role: 'attendee', online: true },
];

describe('decidePin', () => {
  it.each<[string, string | null, PinCommand, string | null]>([
    ['P1 first interpreter to arrive is pinned', null, { type: 'came-online', who: 'ana' }, 'ana'],
    ['P1 a second interpreter does not steal the pin', 'ana', { type: 'came-online', who: 'ben' }, 'ana'],
    ['P1 a non-interpreter arriving changes nothing', null, { type: 'came-online', who: 'att' }, null],
    ['P4 a pinned interpreter who is offline keeps the pin', 'cy', { type: 'came-online', who: 'ben' }, 'cy'],
    ['P2 an interpreter takes over', 'ana', { type: 'take-over', by: 'ben' }, 'ben'],
    ['P2 the active interpreter taking over is a no-op', 'ana', { type: 'take-over', by: 'ana' }, 'ana'],
    [
      'P3 the moderator switches to an online interpreter',
      'ana',
      { type: 'set-active', target: 'ben' },
      'ben',
    ],
    ['P3 not to an offline interpreter', 'ana', { type: 'set-active', target: 'cy' }, 'not-found'],
    ['P3 not to a non-interpreter', 'ana', { type: 'set-active', target: 'att' }, 'not-found'],
    ['P3 not to an unknown id', 'ana', { type: 'set-active', target: 'nobody' }, 'not-found'],
  ])('%s', (_rule, active, command, expected) => {
    const decision = decidePin(active, people, command);
    // Who may take over or switch at all is the policy's (A6, A7), tested in policy.test.ts.
    if (expected === 'not-found') {
      expect(decision).toEqual({ ok: false, reason: expected });
    } else {
      expect(decision).toEqual({ ok: true, activeInterpreterId: expected });
    }
  });
});

describe('defaultFloorHolder', () => {
  it('F1 picks the first online moderator', () => {
    const list: PinPerson[] = [
      { id: 'm1', role: 'moderator', online: false },
      { id: 'm2', role: 'moderator', online: true },
    ];
    expect(defaultFloorHolder(list)).toBe('m2');
  });
  it('F1 keeps the first moderator (shown reconnecting) when none is online', () => {
    expect(defaultFloorHolder([{ id: 'm1', role: 'moderator', online: false }])).toBe('m1');
  });
  it('F1 is empty without a moderator', () => {
    expect(defaultFloorHolder([{ id: 'a', role: 'attendee', online: true }])).toBeNull();
  });
});
