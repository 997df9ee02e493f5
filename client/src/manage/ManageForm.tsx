import { useRef, useState, type FormEvent } from 'react';
import type { ManagedRegistration, PublicSession } from '../../../shared/sessions.js';
import { ApiProblem, callApi } from '../public/api';
import { ErrorSummary } from '../public/ErrorSummary';
import { Field, type FieldErrors } from '../public/Field';
import { RegistrationFields, toForm, toPayload, type Form } from '../public/RegistrationFields';

interface ManageFormProps {
  token: string;
  registration: ManagedRegistration;
  session: PublicSession;
  onSaved: (r: ManagedRegistration) => void;
}

const fieldOf = (path: string) => path.split('.').at(-1) ?? path;

/** The registrant's details, to change; the email is not among them (it is who they are). */
export function ManageForm({ token, registration, session, onSaved }: ManageFormProps) {
  const [form, setForm] = useState<Form>(() => toForm(registration));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  const refuse = (issues: { path: string; message: string }[], text: string | null) => {
    const next: FieldErrors = {};
    for (const issue of issues) next[fieldOf(issue.path)] ??= issue.message;
    setErrors(next);
    setMessage(text);
    setSaved('');
    requestAnimationFrame(() => summary.current?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Every field but the email, which the manage link never changes.
    const { name, organization, affiliation, wishToSpeak, topic, accommodations } = toPayload(form);
    const change = { name, organization, affiliation, wishToSpeak, topic, accommodations };
    setBusy(true);
    try {
      const body = JSON.stringify(change);
      onSaved(
        await callApi<ManagedRegistration>(`/api/public/registrations/manage/${token}`, {
          method: 'PATCH',
          body,
        }),
      );
      setErrors({});
      setMessage(null);
      setSaved('Your changes are saved.');
    } catch (err) {
      const problem = err instanceof ApiProblem ? err : new ApiProblem(String(err), 0);
      refuse(problem.issues, problem.issues.length ? null : problem.message);
    } finally {
      setBusy(false);
    }
  };

  const field = { errors, form, set };
  return (
    <section aria-labelledby="manage-details">
      <h2 id="manage-details">Your details</h2>
      <ErrorSummary summaryRef={summary} errors={errors} message={message} />
      <form onSubmit={(e) => void submit(e)} noValidate className="registration">
        <Field {...field} name="name" label="Full name" autoComplete="name" required />
        <Field {...field} name="organization" label="Organization (optional)" autoComplete="organization" />
        <RegistrationFields {...field} publicComments={session.publicComments} />
        <button type="submit" className="button primary" disabled={busy}>
          Save changes
        </button>
        <p role="status">{saved}</p>
      </form>
    </section>
  );
}
