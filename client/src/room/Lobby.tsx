import { useEffect, useRef, type ReactNode } from 'react';
import type { SessionSummary } from '../../../shared/protocol.js';
import type { SessionStatus } from '../../../shared/sessions.js';
import { describeStart } from '../lib/formatTime';

const STATUS_NEWS: Partial<Record<SessionStatus, string>> = {
  lobby: 'The lobby is open.',
  live: 'The session has started.',
  ended: 'The session has ended.',
};

const OVER: Partial<Record<SessionStatus, string>> = {
  ended: 'The session has ended.',
  cancelled: 'The session was cancelled.',
};

/** Announces once when the session moves on (the lobby opens, it goes live, it ends). */
export function useSessionStatusAnnouncement(
  status: SessionStatus | undefined,
  announce: (text: string) => void,
) {
  const previous = useRef(status);
  useEffect(() => {
    const before = previous.current;
    previous.current = status;
    const news = status && STATUS_NEWS[status];
    if (before && status !== before && news) announce(news);
  }, [status, announce]);
}

/**
 * Where the public waits until the moderator starts the session: when it starts (in the session's
 * zone and the viewer's), and the caption channel already. The room replaces it without a reload.
 */
export function Lobby({ session, captions }: { session: SessionSummary; captions: ReactNode }) {
  return (
    <section className="lobby" aria-labelledby="lobby-heading">
      <h2 id="lobby-heading">Lobby</h2>
      {OVER[session.status] ? (
        // Only for the moment before the end page replaces the lobby.
        <p>{OVER[session.status]}</p>
      ) : (
        <>
          <p>The session has not started yet. {describeStart(session)}</p>
          <p>
            You will move into the room by yourself as soon as the moderator starts it; keep this page open.
          </p>
        </>
      )}
      {captions}
    </section>
  );
}
