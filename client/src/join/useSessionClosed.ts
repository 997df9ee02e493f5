import { useEffect, useState } from 'react';
import type { SessionClosedEvent } from '../../../shared/protocol.js';
import type { RoomSocket } from '../lib/socket';

/** The server's word that it closes this page's connection for good, and why (null until then). */
export function useSessionClosed(socket: RoomSocket): SessionClosedEvent | null {
  const [closed, setClosed] = useState<SessionClosedEvent | null>(null);
  useEffect(() => {
    socket.on('session:closed', setClosed);
    return () => void socket.off('session:closed', setClosed);
  }, [socket]);
  return closed;
}
