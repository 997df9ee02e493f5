import type { FieldErrors } from '../public/Field';

/** A file input, labelled and tied to its hint and error like the other fields. */
export function FileField(props: {
  name: string;
  label: string;
  hint: string;
  accept: string;
  multiple?: boolean;
  errors: FieldErrors;
  onFiles: (files: File[]) => void;
}) {
  const id = `reg-${props.name}`;
  const error = props.errors[props.name];
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <p id={`${id}-hint`} className="hint">
        {props.hint}
      </p>
      <input
        id={id}
        type="file"
        accept={props.accept}
        multiple={props.multiple}
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')}
        onChange={(e) => props.onFiles([...(e.target.files ?? [])])}
      />
      {error && (
        <p id={`${id}-error`} className="error">
          {error}
        </p>
      )}
    </div>
  );
}
