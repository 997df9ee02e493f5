import { describe, expect, it } from 'vitest';
import { pensOf, storePen } from '../../server/captions/pen.js';
import {
  decide,
  decidePen,
  mediaGrant,
  POLICY_ACTIONS,
  type PolicyAction,
} from '../../server/policy/policy.js';
import { ROLES, type Role } from '../../shared/roles.js';
import { SESSION_STATUSES } from '../../shared/sessions.js';

// The policy written out a second time, by hand, as a grid: one group of five per role (organizer,
// moderator, interpreter, captioner, speaker, attendee), one letter per status (scheduled, lobby,
// live, ended, cancelled). y: allowed; -: refused for the role; s: refused in that state.
const GRID: Record<PolicyAction, string> = {
  'room:join': '----- yyyss yyyss yyyss yyyss yyyss',
  'caption:read': '----- yyyss yyyss yyyss yyyss yyyss',
  'media:subscribe': '----- yyyss yyyss yyyss ssyss ssyss',
  'media:publish': '----- yyyss yyyss ----- ----- -----',
  'media:publish-with-floor': '----- ----- ----- ----- ssyss ssyss',
  'interpreter:take-over': '----- ----- yyyss ----- ----- -----',
  'interpreter:set-active': '----- yyyss ----- ----- ----- -----',
  'queue:raise-hand': '----- ----- ----- ----- ssyss ssyss',
  'queue:enqueue-registered': '----- ----- ----- ----- ssyss -----',
  'queue:lower-own': '----- ----- ----- ----- ssyss ssyss',
  'queue:manage': '----- ssyss ----- ----- ----- -----',
  'queue:configure': 'yyyss yyyss ----- ----- ----- -----',
  'floor:give': '----- ssyss ----- ----- ----- -----',
  'speaker:mark-signing': '----- ssyss ----- ----- ----- -----',
  'media:publish-channel': '----- ----- yyyss ----- ----- -----',
  'floor:end': '----- ssyss ----- ----- ----- -----',
  'timer:control': '----- ssyss ----- ----- ----- -----',
  'caption:write': '----- ----- ----- syyss ----- -----',
  'session:open-lobby': 'yssss yssss ----- ----- ----- -----',
  'session:go-live': 'yysss yysss ----- ----- ----- -----',
  'session:end': 'syyss syyss ----- ----- ----- -----',
  'session:cancel': 'yysss ----- ----- ----- ----- -----',
  'session:edit': 'yyyss ----- ----- ----- ----- -----',
  'staff:invite': 'yyyss ----- ----- ----- ----- -----',
  'session:host': 'yyyss ----- ----- ----- ----- -----',
  // A24: the end of the window and the link's own checks are server/captions/transcriptAccess.ts's.
  'transcript:read': '----- yyyys yyyys yyyys yyyys yyyys',
  'floor:answer': '----- ----- ----- ----- ssyss ssyss',
  // A26 (the pen) is decidePen's, below.
  'caption:take-pen': '----- ----- ----- syyss ----- -----',
  'caption:correct': '----- ----- ----- syyss ----- -----',
  'comments:configure': 'yyyys ----- ----- ----- ----- -----',
  'comments:moderate': 'yyyyy yyyys ----- ----- ----- -----',
  // A32: the public's, without a link (tests/integration/commentsPolicy.test.ts).
  'comments:submit': '----- ----- ----- ----- ----- -----',
  'comments:read-published': 'yyyys yyyys yyyys yyyys yyyys yyyys',
};
// Refused with comments-closed when the session takes no public comments (and allowed otherwise).
const NEEDS_PUBLIC_COMMENTS: readonly PolicyAction[] = ['queue:raise-hand', 'queue:enqueue-registered'];
const GRID_ROLES: readonly Role[] = [
  'organizer',
  'moderator',
  'interpreter',
  'captioner',
  'speaker',
  'attendee',
];

function expected(action: PolicyAction, role: Role, statusIndex: number, publicComments: boolean) {
  const letter = GRID[action].split(' ')[GRID_ROLES.indexOf(role)]![statusIndex];
  if (letter === '-') return 'forbidden';
  if (letter === 's') return 'wrong-state';
  return NEEDS_PUBLIC_COMMENTS.includes(action) && !publicComments ? 'comments-closed' : 'allowed';
}

describe('policy (server/policy/SPEC.md)', () => {
  it('the grid covers every action and every role', () => {
    expect(Object.keys(GRID).sort()).toEqual([...POLICY_ACTIONS].sort());
    expect([...GRID_ROLES].sort()).toEqual([...ROLES].sort());
  });

  const cases = POLICY_ACTIONS.flatMap((action) =>
    ROLES.flatMap((role) =>
      SESSION_STATUSES.flatMap((status, i) =>
        [true, false].map((publicComments) => ({ action, role, status, publicComments, i })),
      ),
    ),
  );

  it(`A1-A28: every action x role x status x public comments (${cases.length} cases) as the grid says`, () => {
    const wrong = cases.filter(({ action, role, status, publicComments, i }) => {
      const d = decide(action, { role, status, publicComments });
      const got = d.ok ? 'allowed' : d.reason;
      return got !== expected(action, role, i, publicComments);
    });
    expect(wrong).toEqual([]);
  });

  it('every refusal carries its rule id and a message', () => {
    for (const { action, role, status, publicComments } of cases) {
      const d = decide(action, { role, status, publicComments });
      expect(d.rule).toMatch(/^A\d+$/);
      if (!d.ok) expect(d.message.length).toBeGreaterThan(10);
    }
  });

  it('A3-A5: the public gets no media before the session is live; publishing needs the floor', () => {
    const attendee = { role: 'attendee', publicComments: true } as const;
    expect(mediaGrant({ ...attendee, status: 'lobby' }, false)).toEqual({ subscribe: false, publish: false });
    expect(mediaGrant({ ...attendee, status: 'lobby' }, true)).toEqual({ subscribe: false, publish: false });
    expect(mediaGrant({ ...attendee, status: 'live' }, false)).toEqual({ subscribe: true, publish: false });
    expect(mediaGrant({ ...attendee, status: 'live' }, true)).toEqual({ subscribe: true, publish: true });
    const interpreter = { role: 'interpreter', publicComments: false } as const;
    expect(mediaGrant({ ...interpreter, status: 'lobby' }, false)).toEqual({
      subscribe: true,
      publish: true,
    });
    expect(mediaGrant({ ...interpreter, status: 'ended' }, false)).toEqual({
      subscribe: false,
      publish: false,
    });
    expect(mediaGrant({ role: 'captioner', status: 'live', publicComments: true }, true)).toEqual({
      subscribe: true,
      publish: false,
    });
  });

  it('A26 the pen: its holder writes; while nobody holds it the first to write takes it; anyone else is refused', () => {
    expect(decidePen('ana', null)).toEqual({ ok: true, rule: 'A26', takes: true });
    expect(decidePen('ana', 'ana')).toEqual({ ok: true, rule: 'A26', takes: false });
    const refused = decidePen('ben', 'ana');
    expect(refused).toMatchObject({ ok: false, rule: 'A26', reason: 'pen-held' });
    expect(refused.ok ? '' : refused.message).toContain('Take over');
  });

  it('A29 the pens stored with a session: one per caption track; anything unreadable counts as none', () => {
    const stored = storePen(storePen(null, 'en-US', 'ana'), 'es-US', 'ben');
    expect(pensOf(storePen(stored, 'en-US', 'cora'))).toEqual({ 'en-US': 'cora', 'es-US': 'ben' });
    for (const junk of [null, '', 'not json', '[]', '{"en-US": 7}']) expect(pensOf(junk)).toEqual({});
  });
});
