import { useRef, useState } from 'react';
import { ApiProblem, callApi } from '../public/api';

/** Cancelling takes two steps, both buttons, so a stray Enter does not give up a place. */
export function CancelRegistration({ token, onCancelled }: { token: string; onCancelled: () => void }) {
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const yes = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLButtonElement>(null);

  const ask = () => {
    setAsking(true);
    requestAnimationFrame(() => yes.current?.focus());
  };
  const keep = () => {
    setAsking(false);
    requestAnimationFrame(() => first.current?.focus());
  };
  const cancel = async () => {
    try {
      await callApi(`/api/public/registrations/manage/${token}`, { method: 'DELETE' });
      onCancelled();
    } catch (err) {
      setProblem(err instanceof ApiProblem ? err.message : String(err));
    }
  };

  return (
    <section aria-labelledby="manage-cancel">
      <h2 id="manage-cancel">Cancel your registration</h2>
      <p>Your place goes to the next person on the waitlist, and your join link stops working.</p>
      {asking ? (
        <div className="button-row">
          <button ref={yes} type="button" className="button danger" onClick={() => void cancel()}>
            Yes, cancel my registration
          </button>
          <button type="button" className="button" onClick={keep}>
            Keep my registration
          </button>
        </div>
      ) : (
        <button ref={first} type="button" className="button danger" onClick={ask}>
          Cancel my registration
        </button>
      )}
      {problem && <p role="alert">{problem}</p>}
    </section>
  );
}
