import { DateTime } from 'luxon';
import { useRef, useState, type FormEvent } from 'react';
import { ApiProblem } from '../public/api';
import { ErrorSummary } from '../public/ErrorSummary';
import { Field, type FieldErrors } from '../public/Field';

// A type, not an interface: the shared Field component takes any record of fields.
export type SessionFormValues = {
  title: string;
  description: string;
  focus: string;
  starts: string;
  ends: string;
  timeZone: string;
  capacity: string;
  speakingMinutes: string;
  publicComments: boolean;
  requireEmailConfirmation: boolean;
  asl: boolean;
  cart: boolean;
  captionLanguages: string;
  other: string;
};

export const BLANK_SESSION: SessionFormValues = {
  title: '',
  description: '',
  focus: '',
  starts: '',
  ends: '',
  timeZone: 'America/New_York',
  capacity: '',
  speakingMinutes: '3',
  publicComments: true,
  requireEmailConfirmation: false,
  asl: true,
  cart: true,
  captionLanguages: 'en-US',
  other: '',
};

/** A datetime-local value read in the session's zone, as ISO 8601 with its offset. */
const inZone = (local: string, zone: string) =>
  local ? (DateTime.fromISO(local, { zone }).toISO() ?? local) : '';

/** The API body for the form's values (the server validates; its issues come back by field). */
export function toSessionBody(v: SessionFormValues) {
  return {
    title: v.title,
    description: v.description,
    focus: v.focus,
    startsAt: inZone(v.starts, v.timeZone),
    endsAt: inZone(v.ends, v.timeZone),
    timeZone: v.timeZone,
    capacity: v.capacity.trim() === '' ? null : Number(v.capacity),
    speakingLimitSeconds: Math.round(Number(v.speakingMinutes) * 60),
    publicComments: v.publicComments,
    requireEmailConfirmation: v.requireEmailConfirmation,
    offered: {
      asl: v.asl,
      cart: v.cart,
      captionLanguages: v.captionLanguages
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      other: v.other,
    },
  };
}

const FIELD_OF: Record<string, keyof SessionFormValues> = {
  startsAt: 'starts',
  endsAt: 'ends',
  speakingLimitSeconds: 'speakingMinutes',
};
const fieldOf = (path: string) => {
  const last = path.split('.').at(-1) ?? path;
  return FIELD_OF[last] ?? (path.startsWith('offered.captionLanguages') ? 'captionLanguages' : last);
};

interface SessionFormProps {
  initial: SessionFormValues;
  submitLabel: string;
  onSubmit: (values: SessionFormValues) => Promise<void>;
}

/** Create or edit a session; refusals are listed in a focused summary linking to each field. */
export function SessionForm({ initial, submitLabel, onSubmit }: SessionFormProps) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const set = (key: keyof SessionFormValues, value: string | boolean) =>
    setForm((f) => ({ ...f, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await onSubmit(form);
      setErrors({});
      setMessage(null);
    } catch (err) {
      const problem = err instanceof ApiProblem ? err : new ApiProblem(String(err), 0);
      const next: FieldErrors = {};
      for (const issue of problem.issues) next[fieldOf(issue.path)] ??= issue.message;
      setErrors(next);
      setMessage(problem.issues.length ? null : problem.message);
      requestAnimationFrame(() => summary.current?.focus());
    }
  };

  const field = { errors, form, set: (k: keyof SessionFormValues, v: string) => set(k, v) };
  const check = (key: 'publicComments' | 'requireEmailConfirmation' | 'asl' | 'cart', label: string) => (
    <label className="check">
      <input type="checkbox" checked={form[key]} onChange={(e) => set(key, e.target.checked)} /> {label}
    </label>
  );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="registration">
      <ErrorSummary summaryRef={summary} errors={errors} message={message} />
      <Field {...field} name="title" label="Title" required />
      <Field {...field} name="description" label="Description" />
      <Field {...field} name="focus" label="Focus" />
      <Field {...field} name="starts" label="Starts" type="datetime-local" required />
      <Field {...field} name="ends" label="Ends" type="datetime-local" required />
      <Field {...field} name="timeZone" label="Time zone (IANA, such as America/New_York)" />
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
