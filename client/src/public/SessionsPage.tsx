import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { PublicSession } from '../../../shared/sessions.js';
import { describeStart } from '../lib/formatTime';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from '../pages/PageLayout';
import { callApi } from './api';

const REGISTRATION_TEXT: Record<PublicSession['registration'], string> = {
  open: 'Registration open',
  waitlist: 'Full: registrations go on the waitlist',
  closed: 'Registration closed',
};

/** What a session offers, in words. */
export function offeredText(s: PublicSession): string {
  const parts = [
    s.offered.asl && 'ASL interpretation',
    s.offered.cart && `live captions (${s.offered.captionLanguages.join(', ')})`,
    s.offered.other,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'None listed';
}

/** /sessions: the upcoming sessions, with times in their zone and the viewer's, and how to register. */
export function SessionsPage() {
  useDocumentTitle('Upcoming sessions');
  const [sessions, setSessions] = useState<PublicSession[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    callApi<PublicSession[]>('/api/public/sessions').then(setSessions, (err: Error) => setError(err.message));
  }, []);

  return (
    <PageLayout>
      <h1>Upcoming sessions</h1>
      <p>
        Past sessions are in the <Link to="/records">records of past sessions</Link>.
      </p>
      {error && <p role="alert">{error}</p>}
      {!sessions && !error && <p role="status">Loading the sessions…</p>}
      {sessions?.length === 0 && <p>No sessions are scheduled at the moment.</p>}
      {sessions && sessions.length > 0 && (
        <ul className="session-list">
          {sessions.map((s) => (
            <li key={s.id}>
              <article aria-labelledby={`session-${s.id}`}>
                <h2 id={`session-${s.id}`}>{s.title}</h2>
                <p>{describeStart(s)}</p>
                {s.focus && <p>Focus: {s.focus}</p>}
                {s.description && <p className="description">{s.description}</p>}
                <p>Accommodations: {offeredText(s)}</p>
                <p>{REGISTRATION_TEXT[s.registration]}</p>
                <div className="button-row">
                  {s.registration !== 'closed' && (
                    <Link className="button primary" to={`/sessions/${s.id}/register`}>
                      Register for {s.title}
                    </Link>
                  )}
                  {s.publicComments && (
                    <Link className="button" to={`/sessions/${s.id}/comment`}>
                      Comment on {s.title}
                    </Link>
                  )}
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
    </PageLayout>
  );
}
