import { ConnectionState, DisconnectReason, RoomEvent, type Room } from 'livekit-client';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { LiveKitConnection } from '../../../shared/protocol.js';
import type { InviteRole } from '../../../shared/roles.js';
import { canPublishOnJoin } from '../../../shared/roles.js';
import { ask, type RoomSocket } from '../lib/socket';
import { currentWish, publishCameraAndMicrophone, type MediaChoices, type PublishWish } from './publish';
import { applyAudience, type TrackAudience } from './standby';

/**
 * `waiting`: none yet, by the session's rules (the public in the lobby), so nothing is wrong.
 * `down`: the server says the media server does not answer; this page waits for it to say it does.
 */
export type MediaStatus =
  'off' | 'waiting' | 'connecting' | 'connected' | 'reconnecting' | 'unavailable' | 'down';

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
  /** Whether the server says the media server answers (room:join, then media:status). */
  available: boolean;
  role: InviteRole;
  choices: MediaChoices;
  /** Who may receive what this page publishes (a standby interpreter: the team only). */
  audience: RefObject<TrackAudience>;
  onMediaError: (err: unknown) => void;
}

/** What the server's word on the media server changes in a running connection. */
interface AvailabilityListener {
  (available: boolean): void;
}

/**
 * Connects the page's Room once, publishes for roles that do, and reconnects after a long drop.
 * While the server says the media server is down, it asks for no token; when the server says it is
 * back, it starts over at once with a fresh token, whatever the backoff had reached.
 */
export function useMediaConnection(args: MediaConnectionArgs): MediaStatus {
  const { room, socket, connection, available, role, choices, audience, onMediaError } = args;
  const [status, setStatus] = useState<MediaStatus>('connecting');
  // Read when the connection starts; later changes reach it through the listener.
  const availableNow = useRef(available);
  const listener = useRef<AvailabilityListener | null>(null);

  // Before the connection's effect: when both change at once, the connection starts from the news.
  useEffect(() => {
    availableNow.current = available;
    listener.current?.(available);
  }, [available]);

  useEffect(() => {
    if (!connection) return;
    let cancelled = false;
    let down = !availableNow.current;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Each start-over bumps it: the outcome of a connection attempt that was abandoned is ignored.
    let generation = 0;
    // Set while this hook disconnects the Room itself to start over (not a decision to stay out).
    let restarting = false;
    // A microphone muted before a drop comes back muted: kept up to date while the tracks are
    // there, since a drop takes them away before anyone hears of it.
    let wish: PublishWish = { camera: true, microphone: true };
    const remember = (_pub: unknown, who?: unknown) => {
      if (who === undefined || who === room.localParticipant) wish = currentWish(room, wish);
    };

    const connect = async (conn: LiveKitConnection, gen: number) => {
      try {
        await room.connect(conn.url, conn.token);
      } catch {
        if (gen === generation) retryLater();
        return;
      }
      if (cancelled || gen !== generation) return;
      attempt = 0;
      setStatus('connected');
      // A fresh connection starts with everyone allowed: say who may subscribe before publishing.
      applyAudience(room, audience.current);
      // A speaker who rejoins while holding the floor is granted publishing in the token itself.
      if (canPublishOnJoin(role) || room.localParticipant.permissions?.canPublish) {
        await publishCameraAndMicrophone(room, role, choices, wish).catch(onMediaError);
      }
    };
    // Tokens are short-lived: each attempt asks the server for a fresh one.
    const connectWithFreshToken = async () => {
      const gen = generation;
      const fresh = await ask(socket, 'room:media-token', {});
      if (cancelled || gen !== generation) return;
      if (fresh.ok) await connect(fresh.livekit, gen);
      else retryLater();
    };
    const retryLater = () => {
      // A failed connect can both throw and emit Disconnected: schedule one retry, not two.
      // While the media server is down, no retry: the server says when it is back.
      if (cancelled || down || timer !== undefined) return;
      setStatus('unavailable');
      const delay = RETRY_DELAYS_MS[Math.min(attempt++, RETRY_DELAYS_MS.length - 1)];
      timer = setTimeout(() => {
        timer = undefined;
        void connectWithFreshToken();
      }, delay);
    };
    // The media server is back: start over now, unless this Room came through on its own.
    const startOver = async () => {
      if (room.state === ConnectionState.Connected) return setStatus('connected');
      clearTimeout(timer);
      timer = undefined;
      attempt = 0;
      generation++;
      setStatus('reconnecting');
      if (room.state !== ConnectionState.Disconnected) {
        // LiveKit may be between two of its own attempts (up to 7 s apart): stop them.
        restarting = true;
        await room.disconnect().finally(() => (restarting = false));
      }
      if (!cancelled && !down) await connectWithFreshToken();
    };
    listener.current = (nowAvailable) => {
      if (nowAvailable === !down) return;
      down = !nowAvailable;
      if (down) {
        clearTimeout(timer);
        timer = undefined;
        // What this page says when the server says media is back, until the Room says otherwise:
        // LiveKit may not have noticed (it only reconnects its signalling at first), so the status
        // it last set can be a stale "connected".
        setStatus('reconnecting');
      } else {
        void startOver();
      }
    };

    const onReconnecting = () => setStatus('reconnecting');
    const onReconnected = () => setStatus('connected');
    const onDisconnected = (reason?: DisconnectReason) => {
      if (cancelled || restarting) return;
      if (reason !== undefined && FINAL_REASONS.has(reason)) setStatus('unavailable');
      else retryLater();
    };

    room
      .on(RoomEvent.Reconnecting, onReconnecting)
      .on(RoomEvent.Reconnected, onReconnected)
      .on(RoomEvent.Disconnected, onDisconnected)
      .on(RoomEvent.LocalTrackPublished, remember)
      .on(RoomEvent.TrackMuted, remember)
      .on(RoomEvent.TrackUnmuted, remember);
    // A token handed out just before the media server went down is not tried against it.
    if (!down) void connect(connection, generation);
    return () => {
      cancelled = true;
      listener.current = null;
      clearTimeout(timer);
      room
        .off(RoomEvent.Reconnecting, onReconnecting)
        .off(RoomEvent.Reconnected, onReconnected)
        .off(RoomEvent.Disconnected, onDisconnected)
        .off(RoomEvent.LocalTrackPublished, remember)
        .off(RoomEvent.TrackMuted, remember)
        .off(RoomEvent.TrackUnmuted, remember);
      void room.disconnect();
    };
  }, [room, socket, connection, role, choices, audience, onMediaError]);

  if (!available) return 'down';
  return connection ? status : 'off';
}
