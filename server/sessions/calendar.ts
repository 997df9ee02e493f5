import { createEvent } from 'ics';
import type { SessionRow } from '../store/repo.js';

export interface CalendarSession {
  id: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
}

/**
 * An iCalendar file (RFC 5545) for one registration: UTC times, which every calendar shows in the
 * reader's own zone, and the personal join link both as the URL and in the description.
 */
export function sessionCalendar(session: CalendarSession, joinUrl: string | null): string {
  const utc = { inputType: 'utc', outputType: 'utc' } as const;
  const join = joinUrl ? `Join: ${joinUrl}` : 'You are on the waitlist; the link follows if a place opens.';
  const { error, value } = createEvent({
    uid: `${session.id}@openfloor`,
    productId: 'openfloor',
    title: session.title,
    description: [session.description, join].filter(Boolean).join('\n\n'),
    start: Date.parse(session.startsAt),
    startInputType: utc.inputType,
    startOutputType: utc.outputType,
    end: Date.parse(session.endsAt),
    endInputType: utc.inputType,
    endOutputType: utc.outputType,
    ...(joinUrl ? { url: joinUrl } : {}),
  });
  if (error || !value) throw error ?? new Error('The calendar file could not be made.');
  return value;
}

/** The calendar file of a stored session. */
export function calendarOf(session: SessionRow, joinUrl: string | null): string {
  return sessionCalendar(
    {
      id: session.id,
      title: session.title,
      description: session.description,
      startsAt: session.starts_at,
      endsAt: session.ends_at,
    },
    joinUrl,
  );
}
