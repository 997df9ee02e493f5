import { useEffect, useRef } from 'react';
import type { PublicSession, RegistrationResult } from '../../../shared/sessions.js';
import { describeStart } from '../lib/formatTime';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from '../pages/PageLayout';

/** After registering: the personal link (or the waitlist), and the calendar file. */
export function Confirmation({ session, result }: { session: PublicSession; result: RegistrationResult }) {
  const heading = result.status === 'registered' ? 'You are registered' : 'You are on the waitlist';
  useDocumentTitle(heading);
  const ref = useRef<HTMLHeadingElement>(null);
  // A new view in the same page: focus its heading, so screen readers start reading here.
  useEffect(() => ref.current?.focus(), []);
  const calendarPath = new URL(result.calendarUrl).pathname;

  return (
    <PageLayout>
      <h1 ref={ref} tabIndex={-1}>
        {heading}
      </h1>
      <p>
        {result.updated ? 'We updated your registration for ' : 'Thank you for registering for '}
        {session.title}. {describeStart(session)}
      </p>
      {result.joinUrl ? (
        <>
          <p>This is your personal link to join. Keep it; it is only for you:</p>
          <p className="join-link">
            <a href={result.joinUrl}>{result.joinUrl}</a>
          </p>
        </>
      ) : (
        <p>The session is full. If a place opens, the organizer will move you off the waitlist.</p>
      )}
      <p>
        <a href={calendarPath} download>
          Add to your calendar (.ics file)
        </a>
      </p>
    </PageLayout>
  );
}
