import './admin.css';
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
      <p>Organizers create sessions, invite the moderator, interpreters and captioners, and open the room.</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="organizer-token">Organizer token</label>
          <div id="organizer-token-hint" className="hint">
            <p>Whoever runs this OpenFloor server has the token:</p>
            <ul>
              <li>
                if they set <code>ORGANIZER_TOKEN</code> in the server’s environment, it is that value;
              </li>
              <li>
                otherwise the server made one when it first started, printed it once in its output, and keeps
                it in the file <code>organizer-token</code> in its data folder (<code>DATA_DIR</code>,{' '}
                <code>./data</code> by default).
              </li>
            </ul>
            <p>Paste it here; you stay signed in on this browser for 12 hours.</p>
          </div>
          <input
            id="organizer-token"
            type="password"
            autoComplete="current-password"
            value={token}
            aria-invalid={error ? true : undefined}
            aria-describedby="organizer-token-hint organizer-token-error"
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
