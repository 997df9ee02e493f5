import {
  commentPeriodAt,
  type CommentPeriodState,
  type PublicCommentSettings,
} from '../../../shared/commentBasics.js';
import { DATE_TIME_FIELDS } from '../lib/formatTime';

/** A date and time in the session's zone, and in the viewer's when they differ. */
function when(iso: string, zone: string): string {
  try {
    const there = new Intl.DateTimeFormat('en-US', { ...DATE_TIME_FIELDS, timeZone: zone }).format(
      new Date(iso),
    );
    const here = new Intl.DateTimeFormat('en-US', DATE_TIME_FIELDS).format(new Date(iso));
    return there === here ? there : `${there} (${here} your time)`;
  } catch {
    return new Date(iso).toUTCString();
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "3 days 4 hours", "2 hours 5 minutes", "12 minutes", "less than a minute". */
export function timeLeftWords(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return hours ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day');
  if (hours > 0)
    return minutes % 60
      ? `${plural(hours, 'hour')} ${plural(minutes % 60, 'minute')}`
      : plural(hours, 'hour');
  return plural(minutes, 'minute');
}

/**
 * Where the comment period stands at `nowMs` (the server's clock: the page keeps the difference it
 * measured), in words: W1 in server/comments/SPEC.md.
 */
export function periodAt(
  s: PublicCommentSettings,
  nowMs: number,
): { state: CommentPeriodState; text: string } {
  const state = commentPeriodAt(s, nowMs);
  const zone = s.session.timeZone;
  if (!s.takesComments) return { state, text: 'This session does not take comments from the public.' };
  if (state === 'none' || !s.opensAt || !s.closesAt)
    return { state, text: 'The organizer has not opened a comment period for this session yet.' };
  if (state === 'before') {
    const left = timeLeftWords(Date.parse(s.opensAt) - nowMs);
    return { state, text: `Comments open on ${when(s.opensAt, zone)}, in ${left}.` };
  }
  if (state === 'after') return { state, text: `The comment period closed on ${when(s.closesAt, zone)}.` };
  const left = timeLeftWords(Date.parse(s.closesAt) - nowMs);
  return { state, text: `Comments are open until ${when(s.closesAt, zone)}: ${left} left.` };
}
