import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { SESSION_STATUS_LABEL, type PublicSession } from '../../../shared/sessions.js';
import { describeStart } from '../lib/formatTime';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from '../pages/PageLayout';
import { callApi } from '../public/api';
import { SessionForm } from './SessionForm';
import { blankSession, toSessionBody, type SessionFormValues } from './sessionValues';
import { SignIn } from './SignIn';
import { useOrganizer } from './useOrganizer';

/** /organizer: sign in, then the sessions and a form to create one. */
export function OrganizerPage() {
  const { signedIn, recheck, signOut } = useOrganizer();
  useDocumentTitle(signedIn ? 'Sessions' : 'Organizer sign-in');
  return (
    <PageLayout>
      {signedIn === null && <p role="status">Checking…</p>}
      {signedIn === false && <SignIn onSignedIn={recheck} />}
      {signedIn && <Sessions onSignOut={() => void signOut()} />}
    </PageLayout>
  );
}

function Sessions({ onSignOut }: { onSignOut: () => void }) {
  const [sessions, setSessions] = useState<PublicSession[] | null>(null);
  const navigate = useNavigate();
  const load = useCallback(() => {
    void callApi<PublicSession[]>('/api/organizer/sessions').then(setSessions);
  }, []);
  useEffect(load, [load]);

  const create = async (values: SessionFormValues) => {
    const created = await callApi<{ id: string }>('/api/sessions', {
      method: 'POST',
      body: JSON.stringify(toSessionBody(values)),
    });
    void navigate(`/organizer/sessions/${created.id}`);
  };

  return (
    <>
      <h1>Sessions</h1>
      <button type="button" className="button" onClick={onSignOut}>
        Sign out
      </button>
      {sessions?.length === 0 && <p>No sessions yet.</p>}
      <ul className="session-list">
        {sessions?.map((s) => (
          <li key={s.id}>
            <h2>
              <Link to={`/organizer/sessions/${s.id}`}>{s.title}</Link>
            </h2>
            <p>{describeStart(s)}</p>
            <p>Status: {SESSION_STATUS_LABEL[s.status]}</p>
          </li>
        ))}
      </ul>
      <h2>Create a session</h2>
      <SessionForm initial={blankSession()} submitLabel="Create session" onSubmit={create} />
    </>
  );
}
