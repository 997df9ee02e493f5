import { DateTime } from 'luxon';
import { useEffect, useState, type FormEvent } from 'react';
import type { PublicCommentSettings } from '../../../shared/commentBasics.js';
import { ApiProblem, callApi } from '../public/api';
import type { FieldErrors } from '../public/Field';
import { Field } from '../public/Field';
import { DateTimeField, TextAreaField } from './fields';

type Values = {
  opens: string;
  closes: string;
  wordLimit: string;
  videoMinutes: string;
  anonymousAllowed: boolean;
  topics: string;
};

const local = (iso: string | null, zone: string) =>
  iso ? DateTime.fromISO(iso, { zone }).toFormat("yyyy-LL-dd'T'HH:mm") : '';
const inZone = (value: string, zone: string) => (value ? DateTime.fromISO(value, { zone }).toISO() : null);

function valuesOf(s: PublicCommentSettings, focus: string): Values {
  const zone = s.session.timeZone;
  return {
    opens: local(s.opensAt, zone),
    closes: local(s.closesAt, zone),
    wordLimit: String(s.wordLimit),
    videoMinutes: String(s.videoMaxSeconds / 60),
    anonymousAllowed: s.anonymousAllowed,
    // The focus stands in as the one topic while none are listed: not shown as a listed one.
    topics: s.topics.length === 1 && s.topics[0] === focus ? '' : s.topics.join('\n'),
  };
}

/** The comment period and its limits (policy A30): the organizer's, in the session's time zone. */
export function CommentsSettings({ sessionId, onSaved }: { sessionId: string; onSaved: () => void }) {
  const [settings, setSettings] = useState<PublicCommentSettings | null>(null);
  const [values, setValues] = useState<Values | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState('');
  useEffect(() => {
    void callApi<PublicCommentSettings>(`/api/public/sessions/${sessionId}/comments`).then((s) => {
      setSettings(s);
      setValues(valuesOf(s, s.session.focus));
    });
  }, [sessionId]);
  if (!settings || !values) return <p role="status">Loading the comment settings…</p>;
  const zone = settings.session.timeZone;
  const set = (key: keyof Values, value: string | boolean) => setValues({ ...values, [key]: value });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const next = await callApi<PublicCommentSettings>(`/api/sessions/${sessionId}/comment-settings`, {
        method: 'PUT',
        body: JSON.stringify({
          opensAt: inZone(values.opens, zone),
          closesAt: inZone(values.closes, zone),
          wordLimit: Number(values.wordLimit),
          videoMaxSeconds: Math.round(Number(values.videoMinutes) * 60),
          anonymousAllowed: values.anonymousAllowed,
          topics: values.topics
            .split('\n')
            .map((t) => t.trim())
            .filter(Boolean),
        }),
      });
      setSettings(next);
      setErrors({});
      setStatus('Comment settings saved.');
      onSaved();
    } catch (err) {
      const problem = err instanceof ApiProblem ? err : new ApiProblem(String(err), 0);
      const keys: Record<string, string> = {
        opensAt: 'opens',
        closesAt: 'closes',
        videoMaxSeconds: 'videoMinutes',
      };
      const next: FieldErrors = {};
      for (const i of problem.issues)
        next[keys[i.path.split('.')[0]!] ?? i.path.split('.')[0]!] ??= i.message;
      setErrors(next);
      setStatus(
        problem.issues.length ? 'The settings were not saved: see the fields marked.' : problem.message,
      );
    }
  };

  const field = { errors, form: values, set };
  return (
    <form onSubmit={(e) => void save(e)} noValidate className="registration">
      <p role="status">{status}</p>
      <DateTimeField
        name="opens"
        label={`Comments open (${zone})`}
        value={values.opens}
        errors={errors}
        onChange={(v) => set('opens', v)}
      />
      <DateTimeField
        name="closes"
        label={`Comments close (${zone})`}
        value={values.closes}
        errors={errors}
        onChange={(v) => set('closes', v)}
      />
      <Field {...field} name="wordLimit" label="Word limit of a comment" type="number" />
      <Field {...field} name="videoMinutes" label="Longest video comment, in minutes" type="number" />
      <label className="check">
        <input
          type="checkbox"
          checked={values.anonymousAllowed}
          onChange={(e) => set('anonymousAllowed', e.target.checked)}
        />
        Take anonymous comments
      </label>
      <TextAreaField
        name="topics"
        label="Topics to choose from, one a line (optional)"
        hint="Without any, the session's focus is the topic."
        value={values.topics}
        maxLength={4200}
        errors={errors}
        onChange={(v) => set('topics', v)}
      />
      <button type="submit" className="button primary">
        Save comment settings
      </button>
    </form>
  );
}
