import { useEffect, useRef } from 'react';
import type { PublicSession } from '../../../shared/sessions.js';
import { describeStart } from '../lib/formatTime';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from '../pages/PageLayout';

/**
 * After registering: where to look next. The links go only by email (server/sessions/SPEC.md, R2),
 * so this page reads the same for a first registration and for a repeat, and has no join link or
 * calendar file of its own: the registration page that the email links to has them.
 */
export function Confirmation({ session, email }: { session: PublicSession; email: string }) {
  useDocumentTitle('Check your email');
  const ref = useRef<HTMLHeadingElement>(null);
  // A new view in the same page: focus its heading, so screen readers start reading here.
  useEffect(() => ref.current?.focus(), []);

  return (
    <PageLayout>
      <h1 ref={ref} tabIndex={-1}>
        Check your email
      </h1>
      <p>
        We sent a message about {session.title} to <strong>{email}</strong>. {describeStart(session)}
      </p>
      {session.requireEmailConfirmation ? (
        <p>
          Open the link in it to confirm your registration. Your place is kept only once you confirm; then we
          send your personal join link and a calendar file.
        </p>
      ) : (
        <p>
          It has your personal join link and a calendar file, or says that you are on the waitlist if the
          session is full.
        </p>
      )}
      <p>
        It also has a private link to your registration page. There you can join with one button (“Join now”
        once the room is open), copy your join link, add the session to your calendar, and change or cancel
        your registration. If you registered before with this address, the message has your links again and
        nothing was changed.
      </p>
      <p>
        No message after a few minutes? Look in your spam folder, or check the address and register again.
      </p>
    </PageLayout>
  );
}
