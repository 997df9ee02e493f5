import { DATE_TIME_FIELDS } from '../lib/formatTime';

const range = (startsAt: string, endsAt: string, timeZone?: string) =>
  new Intl.DateTimeFormat('en-US', { ...DATE_TIME_FIELDS, timeZone }).formatRange(
    new Date(startsAt),
    new Date(endsAt),
  );

/**
 * When a past session took place: its date and hours in its own time zone, named, and in the
 * viewer's when that differs ("Thursday, March 14, 2030, 10:00 AM – 12:00 PM EDT (America/New_York)").
 */
export function describeHeld(session: { startsAt: string; endsAt: string; timeZone: string }): string {
  try {
    const there = `${range(session.startsAt, session.endsAt, session.timeZone)} (${session.timeZone})`;
    const here = range(session.startsAt, session.endsAt);
    return here === range(session.startsAt, session.endsAt, session.timeZone)
      ? there
      : `${there}; ${here} your time`;
  } catch {
    // An unknown zone or date must not break the page: the date is also in the downloads.
    return `${session.startsAt} to ${session.endsAt} (${session.timeZone})`;
  }
}
