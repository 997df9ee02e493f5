import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { PublicSession } from '../../../shared/sessions.js';
import { describeStart } from '../lib/formatTime';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from '../pages/PageLayout';
import { callApi } from '../public/api';
import { CommentsModeration } from './CommentsModeration';
import { Lifecycle } from './Lifecycle';
import { Registrations } from './Registrations';
import { SessionForm } from './SessionForm';
import { formValues, toSessionBody, type SessionFormValues } from './sessionValues';
import { SignIn } from './SignIn';
import { Staff } from './Staff';
import { StartAsHost } from './StartAsHost';
import { useOrganizer } from './useOrganizer';

/**
 * /organizer/sessions/:id: details and edits, start as host, lifecycle, staff links, registrations,
 * comments, the record.
 */
export function SessionDetailPage() {
  const { id = '' } = useParams();
  const { signedIn, recheck } = useOrganizer();
  const [session, setSession] = useState<PublicSession | null>(null);
  const [saved, setSaved] = useState('');
  useDocumentTitle(session ? `Session: ${session.title}` : 'Session');
  const load = useCallback(() => {
    void callApi<PublicSession>(`/api/public/sessions/${encodeURIComponent(id)}`).then(setSession);
  }, [id]);
  useEffect(load, [load]);

  if (signedIn === false)
    return (
      <PageLayout>
        <SignIn onSignedIn={recheck} />
      </PageLayout>
    );
  if (!session || !signedIn)
    return (
      <PageLayout>
        <p role="status">Loading…</p>
      </PageLayout>
    );

  const save = async (values: SessionFormValues) => {
    const next = await callApi<PublicSession>(`/api/sessions/${id}`, {
      method: 'PATCH',
      body: JSON.stringify(toSessionBody(values)),
    });
    setSession(next);
    setSaved('Changes saved.');
  };

  return (
    <PageLayout>
      <h1>{session.title}</h1>
      <p>{describeStart(session)}</p>
      {session.description && <p className="description">{session.description}</p>}
      <StartAsHost session={session} />
      <Lifecycle session={session} onChanged={load} />
      <Staff sessionId={id} />
      <Registrations sessionId={id} />
      <CommentsModeration sessionId={id} />
      <details className="settings">
        <summary>Edit the session</summary>
        <p role="status">{saved}</p>
        <SessionForm
          key={session.title}
          initial={formValues(session)}
          submitLabel="Save changes"
          onSubmit={save}
        />
      </details>
    </PageLayout>
  );
}
