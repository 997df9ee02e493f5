import { useRef, useState, type FormEvent } from 'react';
import { ApiProblem } from '../public/api';
import { ErrorSummary } from '../public/ErrorSummary';
import { Field, type FieldErrors } from '../public/Field';
import { DateTimeField, TextAreaField, TimeZoneField } from './fields';
import { dateTimeExample, orderedProblems, sessionProblems } from './sessionChecks';
import type { SessionFormValues } from './sessionValues';

interface SessionFormProps {
  initial: SessionFormValues;
  submitLabel: string;
  onSubmit: (values: SessionFormValues) => Promise<void>;
}

type Check = 'publicComments' | 'requireEmailConfirmation' | 'asl' | 'cart';

/**
 * Create or edit a session. Checked here first with the server's own schema, so that a date that
 * cannot be read says what to type; refusals are listed in a focused summary linking to each field.
 */
export function SessionForm({ initial, submitLabel, onSubmit }: SessionFormProps) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const set = (key: keyof SessionFormValues, value: string | boolean) =>
    setForm((f) => ({ ...f, [key]: value }));

  const refuse = (problems: FieldErrors, text: string | null) => {
    setErrors(problems);
    setMessage(text);
    requestAnimationFrame(() => summary.current?.focus());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = sessionProblems(form);
    if (Object.keys(problems).length > 0) return refuse(problems, null);
    try {
      await onSubmit(form);
      setErrors({});
      setMessage(null);
    } catch (err) {
      const problem = err instanceof ApiProblem ? err : new ApiProblem(String(err), 0);
      refuse(orderedProblems(problem.issues, form), problem.issues.length ? null : problem.message);
    }
  };

  const field = { errors, form, set: (k: keyof SessionFormValues, v: string) => set(k, v) };
  const value = (name: 'description' | 'timeZone' | 'starts' | 'ends') => ({
    name,
    errors,
    value: form[name],
    onChange: (v: string) => set(name, v),
  });
  const check = (key: Check, label: string) => (
    <label className="check">
      <input type="checkbox" checked={form[key]} onChange={(e) => set(key, e.target.checked)} /> {label}
    </label>
  );
  const when = `Type the date, then the time, for example ${dateTimeExample()}, in the time zone above.`;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="registration">
      <ErrorSummary summaryRef={summary} errors={errors} message={message} />
      <Field {...field} name="title" label="Title" required />
      <TextAreaField
        {...value('description')}
        label="Description"
        hint="Shown on the public list of sessions; line breaks are kept."
        maxLength={5000}
      />
      <Field {...field} name="focus" label="Focus" />
      <TimeZoneField
        {...value('timeZone')}
        label="Time zone"
        hint="The start and end are read in this zone; each visitor also sees them in their own."
      />
      <DateTimeField {...value('starts')} label="Starts" hint={when} />
      <DateTimeField {...value('ends')} label="Ends" hint={when} />
      <Field {...field} name="capacity" label="Capacity (empty for no limit)" type="number" />
      <Field {...field} name="speakingMinutes" label="Speaking limit in minutes" type="number" />
      {check('publicComments', 'The public may ask to speak and send remarks')}
      {check(
        'requireEmailConfirmation',
        'Registrants confirm their email before they get a place (a link is sent to them)',
      )}
      <fieldset>
        <legend>Accommodations offered</legend>
        {check('asl', 'ASL interpretation')}
        {check('cart', 'Live captions (CART)')}
        <Field {...field} name="captionLanguages" label="Caption languages (tags, comma-separated)" />
        <Field {...field} name="other" label="Other accommodations" />
      </fieldset>
      <button type="submit" className="button primary">
        {submitLabel}
      </button>
    </form>
  );
}
