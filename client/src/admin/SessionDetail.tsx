import { DateTime } from 'luxon';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { PublicSession } from '../../../shared/sessions.js';
import { describeStart } from '../lib/formatTime';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from '../pages/PageLayout';
import { callApi } from '../public/api';
import { Lifecycle } from './Lifecycle';
import { Registrations } from './Registrations';
import { SessionForm, toSessionBody, type SessionFormValues } from './SessionForm';
import { SignIn } from './SignIn';
import { Staff } from './Staff';
import { useOrganizer } from './useOrganizer';

const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");

function formValues(s: PublicSession): SessionFormValues {
  return {
    title: s.title,
    description: s.description,
    focus: s.focus,
    starts: local(s.startsAt, s.timeZone),
    ends: local(s.endsAt, s.timeZone),
    timeZone: s.timeZone,
    capacity: s.capacity === null ? '' : String(s.capacity),
    speakingMinutes: String(s.speakingLimitSeconds / 60),
    publicComments: s.publicComments,
    requireEmailConfirmation: s.requireEmailConfirmation,
    asl: s.offered.asl,
    cart: s.offered.cart,
    captionLanguages: s.offered.captionLanguages.join(', '),
    other: s.offered.other,
  };
}

/** /organizer/sessions/:id: details and edits, lifecycle, staff links, registrations, the record. */
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
      <Lifecycle session={session} onChanged={load} />
      <Staff sessionId={id} />
      <Registrations sessionId={id} />
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
