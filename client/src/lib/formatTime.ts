import type { SessionSummary } from '../../../shared/protocol.js';

/** A date and time in words, with its zone named. dateStyle cannot go with timeZoneName, hence the fields. */
export const DATE_TIME_FIELDS: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
};

function format(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-US', { ...DATE_TIME_FIELDS, timeZone }).format(new Date(iso));
}

/** When a session starts, in its own time zone and, when they differ, in the viewer's. */
export function describeStart(session: SessionSummary): string {
  try {
    const there = format(session.startsAt, session.timeZone);
    const here = format(session.startsAt);
    return there === here ? `Starts ${there}.` : `Starts ${there} (${here} your time).`;
  } catch {
    // An unknown zone or date must not break the page: the time is a courtesy.
    return '';
  }
}
