import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import {
  AFFILIATIONS,
  registrationSchema,
  type PublicSession,
  type RegistrationResult,
} from '../../../shared/sessions.js';
import { describeStart } from '../lib/formatTime';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from '../pages/PageLayout';
import { ApiProblem, callApi } from './api';
import { Confirmation } from './Confirmation';
import { Field, type FieldErrors } from './Field';
import { offeredText } from './SessionsPage';

const EMPTY = {
  name: '',
  email: '',
  organization: '',
  affiliation: '',
  wishToSpeak: false,
  topic: '',
  asl: false,
  cart: false,
  captionLanguage: '',
  other: '',
};
type Form = typeof EMPTY;

function toPayload(f: Form) {
  return {
    name: f.name,
    email: f.email,
    organization: f.organization,
    affiliation: f.affiliation || undefined,
    wishToSpeak: f.wishToSpeak,
    topic: f.wishToSpeak ? f.topic : '',
    accommodations: {
      asl: f.asl,
      cart: f.cart,
      ...(f.captionLanguage ? { captionLanguage: f.captionLanguage } : {}),
      other: f.other,
    },
  };
}

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
  const [result, setResult] = useState<RegistrationResult | null>(null);
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

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = registrationSchema.safeParse(toPayload(form));
    if (!parsed.success) {
      return showErrors(
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        null,
      );
    }
    setBusy(true);
    try {
      const body = JSON.stringify(parsed.data);
      setResult(
        await callApi<RegistrationResult>(`/api/public/sessions/${id}/registrations`, {
          method: 'POST',
          body,
        }),
      );
    } catch (err) {
      const problem = err instanceof ApiProblem ? err : new ApiProblem(String(err), 0);
      showErrors(problem.issues, problem.issues.length ? null : problem.message);
    } finally {
      setBusy(false);
    }
  };

  if (result && session) return <Confirmation session={session} result={result} />;
  if (!session) {
    return (
      <PageLayout>
        <h1>Register</h1>
        <p role={loadError ? 'alert' : 'status'}>{loadError ?? 'Loading the session…'}</p>
      </PageLayout>
    );
  }

  const problems = Object.entries(errors);
  const field = { errors, form, set };
  return (
    <PageLayout>
      <h1>Register: {session.title}</h1>
      <p>{describeStart(session)}</p>
      <p>Accommodations offered: {offeredText(session)}</p>
      {session.registration === 'waitlist' && <p>This session is full: you will be put on the waitlist.</p>}
      <div ref={summary} tabIndex={-1} role="alert" className="error-summary">
        {(problems.length > 0 || submitError) && (
          <>
            <h2>There is a problem</h2>
            {submitError && <p>{submitError}</p>}
            <ul>
              {problems.map(([key, message]) => (
                <li key={key}>
                  <a href={`#reg-${key}`}>{message}</a>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <form onSubmit={(e) => void submit(e)} noValidate className="registration">
        <Field {...field} name="name" label="Full name" autoComplete="name" required />
        <Field {...field} name="email" label="Email" type="email" autoComplete="email" required />
        <Field {...field} name="organization" label="Organization (optional)" autoComplete="organization" />
        <div className="field">
          <label htmlFor="reg-affiliation">Affiliation</label>
          <select
            id="reg-affiliation"
            value={form.affiliation}
            required
            aria-invalid={errors.affiliation ? true : undefined}
            aria-describedby={errors.affiliation ? 'reg-affiliation-error' : undefined}
            onChange={(e) => set('affiliation', e.target.value)}
          >
            <option value="">Choose one</option>
            {Object.entries(AFFILIATIONS).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
          {errors.affiliation && (
            <p id="reg-affiliation-error" className="error">
              {errors.affiliation}
            </p>
          )}
        </div>
        {session.publicComments && (
          <fieldset>
            <legend>Speaking</legend>
            <label className="check">
              <input
                type="checkbox"
                checked={form.wishToSpeak}
                onChange={(e) => set('wishToSpeak', e.target.checked)}
              />
              I would like to speak
            </label>
            {form.wishToSpeak && (
              <Field {...field} name="topic" label="What would you like to speak about?" />
            )}
          </fieldset>
        )}
        <fieldset>
          <legend>Accommodations you need</legend>
          <label className="check">
            <input type="checkbox" checked={form.asl} onChange={(e) => set('asl', e.target.checked)} />
            ASL interpretation
          </label>
          <label className="check">
            <input type="checkbox" checked={form.cart} onChange={(e) => set('cart', e.target.checked)} />
            Live captions (CART)
          </label>
          <Field
            {...field}
            name="captionLanguage"
            label="Caption language, if not English (for example es-US)"
          />
          <Field {...field} name="other" label="Anything else we should arrange" />
        </fieldset>
        <button type="submit" className="button primary" disabled={busy}>
          Register
        </button>
      </form>
    </PageLayout>
  );
}
