import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import type { PublicSession, RegistrationReceipt } from '../../../shared/sessions.js';
import { describeStart } from '../lib/formatTime';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from '../pages/PageLayout';
import { ApiProblem, callApi } from './api';
import { Confirmation } from './Confirmation';
import { ErrorSummary } from './ErrorSummary';
import { Field, type FieldErrors } from './Field';
import { EMPTY, RegistrationFields, toPayload, type Form } from './RegistrationFields';
import { offeredText } from './SessionsPage';

// Schema paths to the form's field ids (accommodations.other -> other).
const fieldOf = (path: string) => path.split('.').at(-1) ?? path;

/** /sessions/:id/register: keyboard-first, errors announced in a summary that links to each field. */
export function RegisterPage() {
  const { id = '' } = useParams();
  const [session, setSession] = useState<PublicSession | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  useDocumentTitle(session ? `Register: ${session.title}` : 'Register');

  useEffect(() => {
    callApi<PublicSession>(`/api/public/sessions/${encodeURIComponent(id)}`).then(setSession, (err: Error) =>
      setLoadError(err.message),
    );
  }, [id]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  const showErrors = (list: { path: string; message: string }[], message: string | null) => {
    const next: FieldErrors = {};
    for (const issue of list) next[fieldOf(issue.path)] ??= issue.message;
    setErrors(next);
    setSubmitError(message);
    // The summary is focused, so the keyboard and the screen reader start where the problems are.
    requestAnimationFrame(() => summary.current?.focus());
  };

  // The server checks the form, with the same rules and words it would use for anyone: its answer
  // names each field's problem (a page that checked first would load those rules, a fifth of its
  // weight, to save one round trip on a mistake).
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const payload = toPayload(form);
      // The answer is the same for every address (R1): the page names the one the person typed.
      await callApi<RegistrationReceipt>(`/api/public/sessions/${id}/registrations`, {
        method: 'POST',
        body: JSON.stringify(payload),
      });
      setSentTo(payload.email.trim());
    } catch (err) {
      const problem = err instanceof ApiProblem ? err : new ApiProblem(String(err), 0);
      showErrors(problem.issues, problem.issues.length ? null : problem.message);
    } finally {
      setBusy(false);
    }
  };

  if (sentTo && session) return <Confirmation session={session} email={sentTo} />;
  if (!session) {
    return (
      <PageLayout>
        <h1>Register</h1>
        <p role={loadError ? 'alert' : 'status'}>{loadError ?? 'Loading the session…'}</p>
      </PageLayout>
    );
  }

  const field = { errors, form, set };
  return (
    <PageLayout>
      <h1>Register: {session.title}</h1>
      <p>{describeStart(session)}</p>
      {session.description && <p className="description">{session.description}</p>}
      <p>Accommodations offered: {offeredText(session)}</p>
      {session.registration === 'waitlist' && <p>This session is full: you will be put on the waitlist.</p>}
      <p>We send your personal join link to the email address you give here.</p>
      {session.requireEmailConfirmation && (
        <p>You will confirm that address by a link we send to it; your place is kept once you do.</p>
      )}
      <ErrorSummary summaryRef={summary} errors={errors} message={submitError} />
      <form onSubmit={(e) => void submit(e)} noValidate className="registration">
        <Field {...field} name="name" label="Full name" autoComplete="name" required />
        <Field {...field} name="email" label="Email" type="email" autoComplete="email" required />
        <Field {...field} name="organization" label="Organization (optional)" autoComplete="organization" />
        <RegistrationFields {...field} publicComments={session.publicComments} />
        <button type="submit" className="button primary" disabled={busy}>
          Register
        </button>
      </form>
    </PageLayout>
  );
}
