import { useEffect, useState } from 'react';
import { countWords } from '../../../shared/commentBasics.js';
import type { FieldErrors } from '../public/Field';

interface Props {
  name: string;
  label: string;
  hint: string;
  value: string;
  errors: FieldErrors;
  onChange: (value: string) => void;
  /** Counted against this many words (W4); absent: not counted. */
  wordLimit?: number;
  required?: boolean;
}

/** How long after the last key the count is said, so that a screen reader is not talked over. */
const SAY_COUNT_AFTER_MS = 1500;

/**
 * Several lines of text, with its word count shown as it is typed and said once typing pauses
 * (W4: the server counts the same way). Its id follows Field's, so ErrorSummary links reach it.
 */
export function CommentText({ name, label, hint, value, errors, onChange, wordLimit, required }: Props) {
  const id = `reg-${name}`;
  const error = errors[name];
  const words = countWords(value);
  const count =
    wordLimit === undefined ? '' : `${words} of ${wordLimit} words${words > wordLimit ? ': too many' : ''}.`;
  const [said, setSaid] = useState('');
  useEffect(() => {
    if (!count) return;
    const timer = window.setTimeout(() => setSaid(count), SAY_COUNT_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [count]);
  const describedBy = [`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="hint">
        {hint} {count && <span aria-hidden="true">{count}</span>}
      </p>
      <textarea
        id={id}
        rows={6}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      {count && (
        <p className="visually-hidden" aria-live="polite">
          {said}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="error">
          {error}
        </p>
      )}
    </div>
  );
}
