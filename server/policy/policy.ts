import type { CommentPeriodState } from '../../shared/comments.js';
import { REASONS, type Reason } from '../../shared/protocol.js';
import type { Role } from '../../shared/roles.js';
import { SESSION_STATUSES, type SessionStatus } from '../../shared/sessions.js';

/**
 * Everything somebody can ask to do or to receive in a session: the socket commands (grouped
 * where one rule covers several), the media grants the server mints, the caption ingest and the
 * lifecycle, the comments of the public. The rule ids are those of server/policy/SPEC.md.
 */
export const POLICY = {
  'room:join': { rule: 'A1', roles: allRoles('SLV') },
  'caption:read': { rule: 'A2', roles: allRoles('SLV') },
  'media:subscribe': { rule: 'A3', roles: staffAndPublic('SLV', 'V') },
  'media:publish': { rule: 'A4', roles: { moderator: 'SLV', interpreter: 'SLV' } },
  'media:publish-with-floor': { rule: 'A5', roles: { speaker: 'V', attendee: 'V' } },
  'interpreter:take-over': { rule: 'A6', roles: { interpreter: 'SLV' } },
  'interpreter:set-active': { rule: 'A7', roles: { moderator: 'SLV' } },
  'queue:raise-hand': { rule: 'A8', roles: { speaker: 'V', attendee: 'V' }, publicComments: true },
  'queue:enqueue-registered': { rule: 'A9', roles: { speaker: 'V' }, publicComments: true },
  'queue:lower-own': { rule: 'A10', roles: { speaker: 'V', attendee: 'V' } },
  'queue:manage': { rule: 'A11', roles: { moderator: 'V' } },
  'queue:configure': { rule: 'A12', roles: { moderator: 'SLV', organizer: 'SLV' } },
  'floor:give': { rule: 'A13', roles: { moderator: 'V' } },
  'floor:end': { rule: 'A14', roles: { moderator: 'V' } },
  'timer:control': { rule: 'A15', roles: { moderator: 'V' } },
  'caption:write': { rule: 'A16', roles: { captioner: 'LV' } },
  'session:open-lobby': { rule: 'A17', roles: { moderator: 'S', organizer: 'S' } },
  'session:go-live': { rule: 'A18', roles: { moderator: 'SL', organizer: 'SL' } },
  'session:end': { rule: 'A19', roles: { moderator: 'LV', organizer: 'LV' } },
  'session:cancel': { rule: 'A20', roles: { organizer: 'SL' } },
  'session:edit': { rule: 'A21', roles: { organizer: 'SLV' } },
  'staff:invite': { rule: 'A22', roles: { organizer: 'SLV' } },
  'session:host': { rule: 'A23', roles: { organizer: 'SLV' } },
  'transcript:read': { rule: 'A24', roles: allRoles('SLVE') },
  'floor:answer': { rule: 'A25', roles: { speaker: 'V', attendee: 'V' } },
  // Sign language (issue 15): A40-A49.
  'speaker:mark-signing': { rule: 'A40', roles: { moderator: 'V' } },
  // A42: an interpreter whose link names a spoken language publishes that language's channel.
  'media:publish-channel': { rule: 'A42', roles: { interpreter: 'SLV' } },
  'caption:take-pen': { rule: 'A27', roles: { captioner: 'LV' } },
  'caption:correct': { rule: 'A28', roles: { captioner: 'LV' } },
  'comments:configure': { rule: 'A30', roles: { organizer: 'SLVE' } },
  'comments:moderate': { rule: 'A31', roles: { organizer: 'SLVEC', moderator: 'SLVE' } },
  'comments:submit': { rule: 'A32', roles: { public: 'SLVE' }, publicComments: true, commentPeriod: true },
  'comments:read-published': {
    rule: 'A33',
    roles: { ...allRoles('SLVE'), organizer: 'SLVE', public: 'SLVE' },
  },
} as const satisfies Record<string, PolicyRow>;

export type PolicyAction = keyof typeof POLICY;
export const POLICY_ACTIONS = Object.keys(POLICY) as PolicyAction[];

/** Statuses written as letters, so the table reads as a grid: Scheduled, Lobby, liVe, Ended, Cancelled. */
type StatusLetters = string;

/**
 * Who asks: a role of the session, or the public, anyone without a link, on the session's public
 * pages (its comment page, its record).
 */
export type Asker = Role | 'public';

interface PolicyRow {
  rule: string;
  roles: Partial<Record<Asker, StatusLetters>>;
  /** The session must take public comments (raise hands, written remarks, queued registrants). */
  publicComments?: true;
  /** Only while the session's comment period is open (A32). */
  commentPeriod?: true;
}

const LETTER: Record<SessionStatus, string> = {
  scheduled: 'S',
  lobby: 'L',
  live: 'V',
  ended: 'E',
  cancelled: 'C',
};

function allRoles(statuses: StatusLetters): Partial<Record<Role, StatusLetters>> {
  return staffAndPublic(statuses, statuses);
}

function staffAndPublic(staff: StatusLetters, audience: StatusLetters) {
  return { moderator: staff, interpreter: staff, captioner: staff, speaker: audience, attendee: audience };
}

/** What the policy needs to know about the asker and the session. */
export interface PolicySubject {
  role: Asker;
  status: SessionStatus;
  publicComments: boolean;
  /** Where now falls in the session's comment period (rows with `commentPeriod` need it open). */
  commentPeriod?: CommentPeriodState;
}

export type PolicyDecision =
  { ok: true; rule: string } | { ok: false; rule: string; reason: Reason; message: string };

const STATUS_WORDS: Record<SessionStatus, string> = {
  scheduled: 'has not opened yet',
  lobby: 'has not started yet',
  live: 'is live',
  ended: 'has ended',
  cancelled: 'was cancelled',
};

const PERIOD_WORDS: Record<CommentPeriodState, string> = {
  none: 'This session has no comment period.',
  before: 'The comment period has not opened yet.',
  open: 'The comment period is open.',
  after: 'The comment period has closed.',
};

/** The one place that decides who may do what, in which state of the session. Pure. */
export function decide(action: PolicyAction, subject: PolicySubject): PolicyDecision {
  const row: PolicyRow = POLICY[action];
  const statuses = row.roles[subject.role];
  if (statuses === undefined) {
    return { ok: false, rule: row.rule, reason: REASONS.forbidden, message: forbiddenMessage(action) };
  }
  if (!statuses.includes(LETTER[subject.status])) {
    return {
      ok: false,
      rule: row.rule,
      reason: REASONS.wrongState,
      message: `Not now: the session ${STATUS_WORDS[subject.status]}.`,
    };
  }
  if (row.publicComments && !subject.publicComments) {
    return {
      ok: false,
      rule: row.rule,
      reason: REASONS.commentsClosed,
      message: 'This session does not take comments from the public.',
    };
  }
  if (row.commentPeriod && subject.commentPeriod !== 'open') {
    return {
      ok: false,
      rule: row.rule,
      reason: REASONS.commentsClosed,
      message: PERIOD_WORDS[subject.commentPeriod ?? 'none'],
    };
  }
  return { ok: true, rule: row.rule };
}

/** The statuses in which `role` may do `action`: what a conditional status change may move from. */
export function statusesAllowing(action: PolicyAction, role: Role): SessionStatus[] {
  const letters: StatusLetters = (POLICY[action] as PolicyRow).roles[role] ?? '';
  return SESSION_STATUSES.filter((status) => letters.includes(LETTER[status]));
}

function forbiddenMessage(action: PolicyAction): string {
  if (action.startsWith('media:')) return 'Your role does not receive this media.';
  if (action.startsWith('caption:write')) return 'Only captioners write captions.';
  if (action === 'caption:take-pen' || action === 'caption:correct') return 'Only captioners write captions.';
  if (action === 'interpreter:take-over') return 'Only an interpreter can take over.';
  if (action === 'queue:raise-hand' || action === 'queue:lower-own')
    return 'Only participants can raise a hand.';
  if (action === 'session:host') return 'Only the organizer opens the room as host.';
  if (action === 'comments:configure') return 'Only the organizer sets the comment period.';
  if (action === 'comments:moderate') return 'Only the organizer and the moderators moderate comments.';
  if (action === 'comments:submit') return "Comments are sent from the session's public comment page.";
  if (action === 'comments:read-published') return 'Published comments are public.';
  if (action.startsWith('session:')) return 'Only moderators open, start or end the session.';
  return 'Only a moderator can do that.';
}

/** The organizer acting on a session (over the organizer API). */
export function organizerOn(session: { status: SessionStatus; public_comments: number }): PolicySubject {
  return { role: 'organizer', status: session.status, publicComments: session.public_comments === 1 };
}

/** The media a person may receive now: what their LiveKit token and grants carry. */
export interface MediaGrant {
  subscribe: boolean;
  publish: boolean;
  /** A41: the camera only, no microphone: a signing speaker whose voice is the interpreter's. */
  cameraOnly?: true;
}

/**
 * A3-A5, and A41: a member of the public holding the floor while the interpreter voices them
 * (`voiced`, queue rule Q18) publishes their camera only: the floor's voice is the interpreter's.
 */
export function mediaGrant(subject: PolicySubject, holdsFloor: boolean, voiced = false): MediaGrant {
  const subscribe = decide('media:subscribe', subject).ok;
  const always = decide('media:publish', subject).ok;
  const withFloor = holdsFloor && decide('media:publish-with-floor', subject).ok;
  const publish = subscribe && (always || withFloor);
  return publish && !always && voiced ? { subscribe, publish, cameraOnly: true } : { subscribe, publish };
}

/** Why a captioner without the pen may not write (A26): the console and the ingest say the same. */
export const PEN_HELD_MESSAGE =
  'Another captioner holds the pen: your text was not used. Press "Take over" in the captioner console to write.';

export type PenDecision =
  { ok: true; rule: 'A26'; takes: boolean } | { ok: false; rule: 'A26'; reason: Reason; message: string };

/**
 * A26: among the captioners `caption:write` and `caption:correct` allow (A16, A28), who may write
 * now: the one holding the pen; while nobody holds it, whoever writes first, who takes it (`takes`).
 * Two writers are never interleaved: the other is refused, and "Take over" (A27) moves the pen.
 */
export function decidePen(writer: string, holder: string | null): PenDecision {
  if (holder === null || holder === writer) return { ok: true, rule: 'A26', takes: holder === null };
  return { ok: false, rule: 'A26', reason: REASONS.penHeld, message: PEN_HELD_MESSAGE };
}
