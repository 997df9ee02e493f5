import { describe, expect, it } from 'vitest';
import { decide } from '../../server/policy/policy.js';
import { commentPeriodAt, countWords, type CommentPeriodState } from '../../shared/comments.js';
import { SESSION_STATUSES } from '../../shared/sessions.js';

// The comment rows of the policy for the public (the roles of a session are in the grid of
// tests/unit/policy.test.ts), and the pure rules the comment page and the server share.

describe('A32 A33 the public and comments (server/policy/SPEC.md)', () => {
  const periods: CommentPeriodState[] = ['none', 'before', 'open', 'after'];
  const cases = SESSION_STATUSES.flatMap((status) =>
    periods.flatMap((commentPeriod) =>
      [true, false].map((publicComments) => ({ status, commentPeriod, publicComments })),
    ),
  );

  it(`A32 the public comments only in the period, where the session takes comments, not once cancelled (${cases.length} cases)`, () => {
    const got = cases.map((c) => {
      const d = decide('comments:submit', { role: 'public', ...c });
      return d.ok ? 'allowed' : d.reason;
    });
    const expected = cases.map(({ status, commentPeriod, publicComments }) => {
      if (status === 'cancelled') return 'wrong-state';
      if (!publicComments || commentPeriod !== 'open') return 'comments-closed';
      return 'allowed';
    });
    expect(got).toEqual(expected);
    expect(decide('comments:submit', { role: 'public', status: 'live', publicComments: true })).toMatchObject(
      {
        ok: false,
        rule: 'A32',
        message: 'This session has no comment period.',
      },
    );
    expect(
      decide('comments:submit', {
        role: 'public',
        status: 'ended',
        publicComments: true,
        commentPeriod: 'after',
      }),
    ).toMatchObject({ ok: false, message: 'The comment period has closed.' });
  });

  it('A30 A31 A33 the public sets nothing and moderates nothing; it reads what is published', () => {
    const subject = { role: 'public', status: 'live', publicComments: true } as const;
    expect(decide('comments:configure', subject)).toMatchObject({
      ok: false,
      reason: 'forbidden',
      rule: 'A30',
    });
    expect(decide('comments:moderate', subject)).toMatchObject({
      ok: false,
      reason: 'forbidden',
      rule: 'A31',
    });
    expect(decide('comments:read-published', subject)).toEqual({ ok: true, rule: 'A33' });
    expect(decide('comments:read-published', { ...subject, status: 'cancelled' })).toMatchObject({
      ok: false,
      reason: 'wrong-state',
    });
    // The public is no role of a session: no room, no media, no queue.
    for (const action of ['room:join', 'media:subscribe', 'queue:raise-hand', 'transcript:read'] as const) {
      expect(decide(action, subject)).toMatchObject({ ok: false, reason: 'forbidden' });
    }
  });
});

describe('W1 W4 the rules the page and the server share', () => {
  it('W1 the period opens at its first instant and closes at its last', () => {
    const period = { opensAt: '2030-01-01T10:00:00.000Z', closesAt: '2030-01-02T10:00:00.000Z' };
    const at = (iso: string) => commentPeriodAt(period, Date.parse(iso));
    expect(at('2030-01-01T09:59:59.999Z')).toBe('before');
    expect(at('2030-01-01T10:00:00.000Z')).toBe('open');
    expect(at('2030-01-02T09:59:59.999Z')).toBe('open');
    expect(at('2030-01-02T10:00:00.000Z')).toBe('after');
    expect(commentPeriodAt({ opensAt: null, closesAt: null }, 0)).toBe('none');
  });

  it('W4 words are counted as words in any script, punctuation and spaces aside', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('  Hello,   world!  ')).toBe(2);
    expect(countWords("Don't stop — it's late.")).toBe(4);
    expect(countWords('Ça va très bien')).toBe(4);
    expect(countWords('私たちの仕事')).toBeGreaterThan(1);
  });
});
