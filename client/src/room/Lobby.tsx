import { useEffect, useRef, type ReactNode } from 'react';
import type { SessionSummary } from '../../../shared/protocol.js';
import type { SessionStatus } from '../../../shared/sessions.js';
import { describeStart } from '../lib/formatTime';

const STATUS_NEWS: Partial<Record<SessionStatus, string>> = {
  lobby: 'The lobby is open.',
  live: 'The session has started.',
  ended: 'The session has ended.',
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
      <p>The session has not started yet. {describeStart(session)}</p>
      <p>You will move into the room by yourself as soon as the moderator starts it; keep this page open.</p>
      {captions}
    </section>
  );
}
