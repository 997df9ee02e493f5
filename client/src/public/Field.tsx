import type { HTMLInputTypeAttribute } from 'react';

export type FieldErrors = Partial<Record<string, string>>;

interface FieldProps<F extends Record<string, unknown>> {
  name: keyof F & string;
  label: string;
  form: F;
  errors: FieldErrors;
  set: (key: keyof F & string, value: string) => void;
  type?: HTMLInputTypeAttribute;
  autoComplete?: string;
  required?: boolean;
}

/** A labelled text input whose error is shown beside it and tied to it for screen readers. */
export function Field<F extends Record<string, unknown>>(props: FieldProps<F>) {
  const { name, label, form, errors, set } = props;
  const id = `reg-${name}`;
  const error = errors[name];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={String(form[name] ?? '')}
        autoComplete={props.autoComplete}
        required={props.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => set(name, e.target.value)}
      />
      {error && (
        <p id={`${id}-error`} className="error">
          {error}
        </p>
      )}
    </div>
  );
}
