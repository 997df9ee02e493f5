import './admin.css';
import { useMemo, type ReactNode } from 'react';
import type { FieldErrors } from '../public/Field';
import { timeZoneGroups } from './timeZones';

// The organizer's fields that the public Field does not cover: a hint tied to the control, a
// textarea and a select. Ids follow Field's (`reg-NAME`), so ErrorSummary links reach them.

interface FrameProps {
  name: string;
  label: string;
  hint?: string;
  errors: FieldErrors;
  control: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}

/** A label, an optional hint and the field's error, both read with the control. */
function FieldFrame({ name, label, hint, errors, control }: FrameProps) {
  const id = `reg-${name}`;
  const error = errors[name];
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {control({
        id,
        ...(error ? { 'aria-invalid': true } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {error && (
        <p id={`${id}-error`} className="error">
          {error}
        </p>
      )}
    </div>
  );
}

interface ValueFieldProps {
  name: string;
  label: string;
  hint?: string;
  value: string;
  errors: FieldErrors;
  onChange: (value: string) => void;
}

/** Several lines of text: the line breaks typed here are kept and shown on the public pages. */
export function TextAreaField(props: ValueFieldProps & { maxLength: number }) {
  return (
    <FieldFrame
      {...props}
      control={(a11y) => (
        <textarea
          {...a11y}
          rows={5}
          maxLength={props.maxLength}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    />
  );
}

/** A date and a time typed part by part (the browser's own date-time field). */
export function DateTimeField(props: ValueFieldProps) {
  return (
    <FieldFrame
      {...props}
      control={(a11y) => (
        <input
          {...a11y}
          type="datetime-local"
          required
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    />
  );
}

/** The IANA zones grouped by region, each with its offset now. */
export function TimeZoneField(props: ValueFieldProps) {
  const groups = useMemo(() => timeZoneGroups(props.value), [props.value]);
  return (
    <FieldFrame
      {...props}
      control={(a11y) => (
        <select {...a11y} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
          {groups.map((g) => (
            <optgroup key={g.region} label={g.region}>
              {g.zones.map((z) => (
                <option key={z.value} value={z.value}>
                  {z.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    />
  );
}
