import { useState } from 'react';
import { Link } from 'react-router';
import { SESSION_STATUS_LABEL, type PublicSession } from '../../../shared/sessions.js';
import { ApiProblem, callApi } from '../public/api';

const ACTIONS = {
  scheduled: [
    ['open-lobby', 'Open the lobby'],
    ['go-live', 'Start the session'],
    ['cancel', 'Cancel the session'],
  ],
  lobby: [
    ['go-live', 'Start the session'],
    ['end', 'End the session'],
    ['cancel', 'Cancel the session'],
  ],
  live: [['end', 'End the session']],
  ended: [],
  cancelled: [],
} as const;

/** The session's status and the acts it allows; ending and cancelling are asked twice. */
export function Lifecycle({ session, onChanged }: { session: PublicSession; onChanged: () => void }) {
  const [confirm, setConfirm] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [recordUrl, setRecordUrl] = useState<string | null>(null);

  const act = async (action: string) => {
    setConfirm(null);
    try {
      await callApi(`/api/sessions/${session.id}/lifecycle/${action}`, { method: 'POST', body: '{}' });
      setMessage('Done.');
      onChanged();
    } catch (err) {
      setMessage(err instanceof ApiProblem ? err.message : String(err));
    }
  };
  const publish = async () => {
    try {
      await callApi(`/api/sessions/${session.id}/record`, { method: 'POST', body: '{}' });
      setRecordUrl(`/records/${session.id}`);
      setMessage('The record is published.');
    } catch (err) {
      setMessage(err instanceof ApiProblem ? err.message : String(err));
    }
  };

  return (
    <section aria-labelledby="lifecycle-heading" className="session-controls">
      <h2 id="lifecycle-heading">Status: {SESSION_STATUS_LABEL[session.status]}</h2>
      <div className="control-group">
        {ACTIONS[session.status].map(([action, label]) =>
          (action === 'end' || action === 'cancel') && confirm !== action ? (
            <button key={action} type="button" className="button danger" onClick={() => setConfirm(action)}>
              {label}
            </button>
          ) : (
            <button key={action} type="button" className="button" onClick={() => void act(action)}>
              {action === 'end' || action === 'cancel' ? `Yes, ${label.toLowerCase()}` : label}
            </button>
          ),
        )}
        {session.status === 'ended' && (
          <button type="button" className="button primary" onClick={() => void publish()}>
            Publish the record
          </button>
        )}
      </div>
      <p role="status">{message}</p>
      {recordUrl && <Link to={recordUrl}>Open the published record</Link>}
    </section>
  );
}
