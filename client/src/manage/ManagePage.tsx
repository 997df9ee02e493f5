import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import type { ManagedRegistration } from '../../../shared/sessions.js';
import { describeStart } from '../lib/formatTime';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from '../pages/PageLayout';
import { ApiProblem, callApi } from '../public/api';
import { CancelRegistration } from './CancelRegistration';
import { JoinLink } from './JoinLink';
import { ManageForm } from './ManageForm';

const STATUS_TEXT: Record<ManagedRegistration['status'], string> = {
  pending: 'Your registration waits for you to confirm it. Until then it holds no place.',
  registered: 'You are registered.',
  waitlisted: 'You are on the waitlist. If a place opens, we send you your link to join.',
  cancelled: 'Your registration is cancelled.',
};

/** /registrations/manage/:token: the registrant's private page, reached only from their email. */
export function ManagePage() {
  const { token = '' } = useParams();
  const [r, setR] = useState<ManagedRegistration | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [announce, setAnnounce] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const api = `/api/public/registrations/manage/${encodeURIComponent(token)}`;
  useDocumentTitle(
    cancelled ? 'Registration cancelled' : r ? `Your registration: ${r.session.title}` : 'Your registration',
  );

  useEffect(() => {
    callApi<ManagedRegistration>(api).then(setR, (err: unknown) =>
      setProblem(err instanceof ApiProblem ? err.message : String(err)),
    );
  }, [api]);

  const confirm = async () => {
    try {
      const next = await callApi<ManagedRegistration>(`${api}/confirm`, { method: 'POST' });
      setR(next);
      setAnnounce(`Confirmed. ${STATUS_TEXT[next.status]} We sent you an email.`);
      // The button is gone once confirmed: keep the keyboard on the page, at its top.
      requestAnimationFrame(() => heading.current?.focus());
    } catch (err) {
      setProblem(err instanceof ApiProblem ? err.message : String(err));
    }
  };

  const onCancelled = () => {
    setCancelled(true);
    requestAnimationFrame(() => heading.current?.focus());
  };

  if (cancelled || !r) {
    return (
      <PageLayout>
        <h1 ref={heading} tabIndex={-1}>
          {cancelled ? 'Your registration is cancelled' : 'Your registration'}
        </h1>
        {cancelled ? (
          <p>
            Your join link no longer works. You can register again from the{' '}
            <a href="/sessions">list of sessions</a>.
          </p>
        ) : (
          <p role={problem ? 'alert' : 'status'}>{problem ?? 'Loading your registration…'}</p>
        )}
      </PageLayout>
    );
  }

  return (
    <PageLayout>
      <div className="manage">
        <h1 ref={heading} tabIndex={-1}>
          Your registration: {r.session.title}
        </h1>
        <p>{describeStart(r.session)}</p>
        <p>{STATUS_TEXT[r.status]}</p>
        <p role="status">{announce}</p>
        {problem && <p role="alert">{problem}</p>}
        {r.status === 'pending' && (
          <button type="button" className="button primary" onClick={() => void confirm()}>
            Confirm my registration
          </button>
        )}
        {r.joinUrl && <JoinLink joinUrl={r.joinUrl} calendarUrl={r.calendarUrl} status={r.session.status} />}
        <ManageForm token={token} registration={r} session={r.session} onSaved={setR} />
        <CancelRegistration token={token} onCancelled={onCancelled} />
      </div>
    </PageLayout>
  );
}
