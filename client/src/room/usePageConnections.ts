import { Room } from 'livekit-client';
import { useEffect, useState } from 'react';
import { createRoomSocket, type RoomSocket } from '../lib/socket';

declare global {
  interface Window {
    /**
     * For browser tests: the page's LiveKit room, to read WebRTC statistics (getRTCStatsReport),
     * and its socket, to drop and restore the connection as a network would.
     */
    openfloor?: { room: Room; socket: RoomSocket };
  }
}

export interface PageConnections {
  socket: RoomSocket;
  room: Room;
}

/**
 * The page's one socket and one LiveKit Room, created once and reused across leave and rejoin.
 * They are created before the room view so that the Join click, a user gesture, can unlock audio.
 */
export function usePageConnections(token: string): PageConnections {
  // Adaptive stream is off so each viewer's setVideoQuality choice is honoured as asked. How many
  // peer connections it makes is chosen with the role (choosePeerConnections).
  const [room] = useState(() => new Room({ adaptiveStream: false, dynacast: true }));
  const [socket] = useState(() => createRoomSocket(token));

  useEffect(() => {
    window.openfloor = { room, socket };
    return () => {
      socket.disconnect();
      void room.disconnect();
      if (window.openfloor?.room === room) delete window.openfloor;
    };
  }, [room, socket]);

  return { socket, room };
}
