import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { HostLink, PublicSession } from '../../../shared/sessions.js';
import { ApiProblem, callApi } from '../public/api';

/**
 * Start as host: the organizer goes into the room as its moderator in one step. The server makes
 * their own moderator link on the first press and reuses it after (server/policy/SPEC.md, A23).
 */
export function StartAsHost({ session }: { session: PublicSession }) {
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  // The server refuses these too; the button is not offered where it could only be refused.
  if (session.status === 'ended' || session.status === 'cancelled') return null;

  const start = async () => {
    setBusy(true);
    setProblem('');
    try {
      const link = await callApi<HostLink>(`/api/sessions/${encodeURIComponent(session.id)}/host`, {
        method: 'POST',
        body: '{}',
      });
      void navigate(link.joinPath);
    } catch (err) {
      setProblem(err instanceof ApiProblem ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="host-heading">
      <h2 id="host-heading">Run the room yourself</h2>
      <p id="host-hint">
        Go into the room as its moderator: open the lobby, start the session, give the floor. Your own link
        (“Organizer (host)” under Staff and links) is made once and used again each time.
      </p>
      <button
        type="button"
        className="button primary"
        aria-describedby="host-hint"
        aria-disabled={busy || undefined}
        onClick={() => void (busy || start())}
      >
        Start as host
      </button>
      <p role="alert" className="error">
        {problem}
      </p>
    </section>
  );
}
