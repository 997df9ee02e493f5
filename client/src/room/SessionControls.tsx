import { useState, type ReactNode } from 'react';
import type { SessionStatus } from '../../../shared/sessions.js';
import { ask, type RoomSocket } from '../lib/socket';

const STATUS_TEXT: Record<SessionStatus, string> = {
  scheduled: 'Not open yet: the public cannot enter.',
  lobby: 'The lobby is open: the public waits there.',
  live: 'Live: everyone is in the room.',
  ended: 'Ended.',
  cancelled: 'Cancelled.',
};

interface SessionControlsProps {
  socket: RoomSocket;
  status: SessionStatus;
  run: (result: Promise<{ ok: boolean; message?: string }>) => Promise<boolean>;
  /** More of the moderator's own acts, in the same row (the way to the comments). */
  children?: ReactNode;
}

/** The moderator opens the lobby, starts the session, and ends it (after saying so twice). */
export function SessionControls({ socket, status, run, children }: SessionControlsProps) {
  const [confirming, setConfirming] = useState(false);
  const advance = (action: 'open-lobby' | 'go-live' | 'end') => {
    setConfirming(false);
    void run(ask(socket, 'session:advance', { action }));
  };

  return (
    <section className="session-controls" aria-labelledby="session-controls-heading">
      <h3 id="session-controls-heading">Session</h3>
      <p>{STATUS_TEXT[status]}</p>
      <div className="control-group">
        {status === 'scheduled' && (
          <button type="button" className="button" onClick={() => advance('open-lobby')}>
            Open the lobby
          </button>
        )}
        {(status === 'scheduled' || status === 'lobby') && (
          <button type="button" className="button primary" onClick={() => advance('go-live')}>
            Start the session
          </button>
        )}
        {(status === 'lobby' || status === 'live') &&
          (confirming ? (
            <>
              <span id="end-warning">Ending closes the room and every link. End now?</span>
              <button
                type="button"
                className="button danger"
                aria-describedby="end-warning"
                onClick={() => advance('end')}
              >
                Yes, end the session
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                Keep it going
              </button>
            </>
          ) : (
            <button type="button" className="button danger" onClick={() => setConfirming(true)}>
              End the session
            </button>
          ))}
        {children}
      </div>
    </section>
  );
}
