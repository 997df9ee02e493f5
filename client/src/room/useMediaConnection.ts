import { DisconnectReason, RoomEvent, type Room } from 'livekit-client';
import { useEffect, useState } from 'react';
import type { LiveKitConnection } from '../../../shared/protocol.js';
import type { InviteRole } from '../../../shared/roles.js';
import { canPublishOnJoin } from '../../../shared/roles.js';
import { ask, type RoomSocket } from '../lib/socket';
import { publishCameraAndMicrophone, type MediaChoices } from './publish';

/** `waiting`: none yet, by the session's rules (the public in the lobby), so nothing is wrong. */
export type MediaStatus = 'off' | 'waiting' | 'connecting' | 'connected' | 'reconnecting' | 'unavailable';

// After LiveKit gives up on its own reconnection, try again with a fresh token, ever more slowly.
const RETRY_DELAYS_MS = [2_000, 5_000, 10_000, 20_000, 30_000];

// Retrying after these would fight a decision: ours, the server's, or another tab of the same person.
const FINAL_REASONS: ReadonlySet<DisconnectReason> = new Set([
  DisconnectReason.CLIENT_INITIATED,
  DisconnectReason.DUPLICATE_IDENTITY,
  DisconnectReason.PARTICIPANT_REMOVED,
  DisconnectReason.ROOM_DELETED,
  DisconnectReason.ROOM_CLOSED,
]);

interface MediaConnectionArgs {
  room: Room;
  socket: RoomSocket;
  /** The first connection details from room:join; null while unknown or when media is down. */
  connection: LiveKitConnection | null;
  role: InviteRole;
  choices: MediaChoices;
  onMediaError: (err: unknown) => void;
}

/** Connects the page's Room once, publishes for roles that do, and reconnects after a long drop. */
export function useMediaConnection(args: MediaConnectionArgs): MediaStatus {
  const { room, socket, connection, role, choices, onMediaError } = args;
  const [status, setStatus] = useState<MediaStatus>('connecting');

  useEffect(() => {
    if (!connection) return;
    let cancelled = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const connect = async (conn: LiveKitConnection) => {
      try {
        await room.connect(conn.url, conn.token);
      } catch {
        return retryLater();
      }
      if (cancelled) return;
      attempt = 0;
      setStatus('connected');
      // A speaker who rejoins while holding the floor is granted publishing in the token itself.
      if (canPublishOnJoin(role) || room.localParticipant.permissions?.canPublish) {
        await publishCameraAndMicrophone(room, role, choices).catch(onMediaError);
      }
    };
    // Tokens are short-lived: each retry asks the server for a fresh one.
    const retryLater = () => {
      // A failed connect can both throw and emit Disconnected: schedule one retry, not two.
      if (cancelled || timer !== undefined) return;
      setStatus('unavailable');
      const delay = RETRY_DELAYS_MS[Math.min(attempt++, RETRY_DELAYS_MS.length - 1)];
      timer = setTimeout(() => {
        timer = undefined;
        void ask(socket, 'room:media-token', {}).then((fresh) => {
          if (cancelled) return;
          if (fresh.ok) void connect(fresh.livekit);
          else retryLater();
        });
      }, delay);
    };
    const onReconnecting = () => setStatus('reconnecting');
    const onReconnected = () => setStatus('connected');
    const onDisconnected = (reason?: DisconnectReason) => {
      if (cancelled) return;
      if (reason !== undefined && FINAL_REASONS.has(reason)) setStatus('unavailable');
      else retryLater();
    };

    room
      .on(RoomEvent.Reconnecting, onReconnecting)
      .on(RoomEvent.Reconnected, onReconnected)
      .on(RoomEvent.Disconnected, onDisconnected);
    void connect(connection);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      room
        .off(RoomEvent.Reconnecting, onReconnecting)
        .off(RoomEvent.Reconnected, onReconnected)
        .off(RoomEvent.Disconnected, onDisconnected);
      void room.disconnect();
    };
  }, [room, socket, connection, role, choices, onMediaError]);

  return connection ? status : 'off';
}
