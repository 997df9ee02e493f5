import type { RefObject } from 'react';
import type { FieldErrors } from './Field';

/**
 * The problems of a form, announced (role=alert) and linked to their fields; the page focuses it
 * after a refused submit, so the keyboard and the screen reader start where the problems are.
 */
export function ErrorSummary({
  summaryRef,
  errors,
  message,
}: {
  summaryRef: RefObject<HTMLDivElement | null>;
  errors: FieldErrors;
  message: string | null;
}) {
  const problems = Object.entries(errors);
  return (
    <div ref={summaryRef} tabIndex={-1} role="alert" className="error-summary">
      {(problems.length > 0 || message) && (
        <>
          <h2>There is a problem</h2>
          {message && <p>{message}</p>}
          <ul>
            {problems.map(([key, text]) => (
              <li key={key}>
                <a href={`#reg-${key}`}>{text}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
