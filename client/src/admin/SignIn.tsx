import { useState, type FormEvent } from 'react';
import { ApiProblem, callApi } from '../public/api';

/** The organizer signs in with the token once; a cookie keeps them signed in for 12 hours. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await callApi('/api/organizer/sign-in', { method: 'POST', body: JSON.stringify({ token }) });
      onSignedIn();
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : String(err));
    }
  };
  return (
    <>
      <h1>Organizer sign-in</h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="organizer-token">Organizer token</label>
          <input
            id="organizer-token"
            type="password"
            autoComplete="current-password"
            value={token}
            aria-invalid={error ? true : undefined}
            aria-describedby="organizer-token-error"
            onChange={(e) => setToken(e.target.value)}
          />
          <p id="organizer-token-error" className="error" role="alert">
            {error}
          </p>
        </div>
        <button type="submit" className="button primary">
          Sign in
        </button>
      </form>
    </>
  );
}
