import type { Room } from 'livekit-client';
import { useEffect } from 'react';
import { ask, type RoomSocket } from '../lib/socket';
import { connectAhead } from '../room/connectAhead';

/**
 * While the pre-join page is shown: the page's socket connects (its handshake checks the link)
 * and, when the server grants this link media now (the public only once the session is live),
 * the Room connects to the media server, receiving nothing until the Join. So the Join click sends
 * room:join on an open socket and finds the media connection made. The server decides the grant,
 * as for every token; a refusal changes nothing: the room view asks again after the join.
 *
 * The ask goes out once the socket is connected and only while the pre-join page is still shown: a
 * socket buffers what is sent before it connects, and an ask buffered so would go out after the
 * Join, when the room view decides for itself (during a media outage, by not asking at all).
 */
export function useConnectAhead(socket: RoomSocket, room: Room, active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let current = true;
    const askAhead = () => {
      if (!current) return;
      void ask(socket, 'room:media-token', {}).then((result) => {
        if (current && result.ok) void connectAhead(room, result.livekit);
      });
    };
    if (socket.connected) askAhead();
    else {
      socket.once('connect', askAhead);
      socket.connect();
    }
    return () => {
      current = false;
      socket.off('connect', askAhead);
    };
  }, [socket, room, active]);
}
