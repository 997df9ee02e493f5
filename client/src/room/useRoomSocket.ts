import { useEffect, useState } from 'react';
import type { JoinResult, LiveKitConnection, Participant, RoomState } from '../../../shared/protocol.js';
import type { QueueView } from './useQueue';
import { ask, createRoomSocket, type RoomSocket } from '../lib/socket';

export interface RoomSocketState {
  socket: RoomSocket;
  connected: boolean;
  self: Participant | null;
  state: RoomState | null;
  /** The queue as of the last (re)join; later changes come as queue:state events. */
  queue: QueueView | null;
  /** The first media connection details; LiveKit reconnects on its own after that. */
  livekit: LiveKitConnection | null;
  error: string | null;
}

/** One socket for the page: joins on every (re)connection, so a reconnecting client gets the current state. */
export function useRoomSocket(token: string, name: string): RoomSocketState {
  const [socket] = useState(() => createRoomSocket(token));
  const [value, setValue] = useState<Omit<RoomSocketState, 'socket'>>({
    connected: false,
    self: null,
    state: null,
    queue: null,
    livekit: null,
    error: null,
  });

  useEffect(() => {
    const onJoined = (result: JoinResult) =>
      setValue((v) => ({
        ...v,
        connected: true,
        self: result.self,
        state: result.state,
        queue: { queue: result.queue, clockOffsetMs: result.queue.serverNow - Date.now() },
        livekit: v.livekit ?? result.livekit,
        error: null,
      }));
    socket.on('connect', () => {
      void ask(socket, 'room:join', { name }).then((result) =>
        result.ok ? onJoined(result) : setValue((v) => ({ ...v, error: result.message })),
      );
    });
    socket.on('disconnect', () => setValue((v) => ({ ...v, connected: false })));
    socket.on('connect_error', (err) => setValue((v) => ({ ...v, connected: false, error: err.message })));
    socket.on('room:state', (state) => setValue((v) => ({ ...v, state })));
    socket.connect();
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [socket, name]);

  return { ...value, socket };
}
