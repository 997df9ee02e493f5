import { useEffect, useState } from 'react';
import type { ClosedLink, SessionClosedEvent } from '../../../shared/protocol.js';
import type { RoomSocket } from '../lib/socket';

/** The end page's facts the server sends when it refuses a reconnection (`err.data.closed`). */
export function closedLinkOf(err: unknown): ClosedLink | null {
  const data = (err as { data?: { closed?: ClosedLink } } | null)?.data;
  return data?.closed ?? null;
}

/**
 * The server's word that it closes this page's connection for good, and why (null until then):
 * said while connected (`session:closed`), or in the refusal of a reconnection when the session
 * ended, or the link was withdrawn, while the page was away.
 */
export function useSessionClosed(socket: RoomSocket): SessionClosedEvent | null {
  const [closed, setClosed] = useState<SessionClosedEvent | null>(null);
  useEffect(() => {
    const onRefused = (err: Error) => {
      const link = closedLinkOf(err);
      if (link) setClosed(link.closed);
    };
    socket.on('session:closed', setClosed);
    socket.on('connect_error', onRefused);
    return () => {
      socket.off('session:closed', setClosed);
      socket.off('connect_error', onRefused);
    };
  }, [socket]);
  return closed;
}
