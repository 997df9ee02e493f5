import { useEffect, useState } from 'react';
import type { Socket } from 'socket.io-client';
import type {
  JoinResult,
  LiveKitConnection,
  MediaStatusEvent,
  Participant,
  RoomState,
  SessionClosedEvent,
} from '../../../shared/protocol.js';
import { REASONS } from '../../../shared/protocol.js';
import { isAudience } from '../../../shared/roles.js';
import { closedLinkOf } from '../join/useSessionClosed';
import { newer } from '../lib/revision';
import { ask, type RoomSocket } from '../lib/socket';
import type { LostReason } from './useConnectionStatus';
import type { QueueView } from './useQueue';

export interface RoomSocketState {
  connected: boolean;
  /** The server ended this connection (a revoked link, the session's end): no automatic retry. */
  closed: boolean;
  /** Why the server closed it for good, when it said so: the page shows its end page. */
  closedBy: SessionClosedEvent | null;
  /**
   * Why the connection dropped while the socket reconnects by itself: the server restarts, the
   * device is offline, or another network drop; null while connected.
   */
  lost: LostReason | null;
  self: Participant | null;
  state: RoomState | null;
  /** The queue as of the last (re)join; later changes come as queue:state events. */
  queue: QueueView | null;
  /** The first media connection details; after that, fresh tokens come from room:media-token. */
  livekit: LiveKitConnection | null;
  /**
   * Whether the server says the media server answers (JoinResult.media, then media:status events).
   * True until the server has said otherwise: nothing is known to be wrong before the join.
   */
  mediaAvailable: boolean;
  /** The last media token asked for outside a join was refused; cleared by news of the media server. */
  mediaTokenRefused: boolean;
  error: string | null;
  /** Counts (re)joins, so what must catch up after a drop (captions) knows when to. */
  joins: number;
  /** Captioners only: the URL for their captioning software. */
  captionUrl: string | null;
}

const INITIAL: RoomSocketState = {
  connected: false,
  closed: false,
  closedBy: null,
  lost: null,
  self: null,
  state: null,
  queue: null,
  livekit: null,
  mediaAvailable: true,
  mediaTokenRefused: false,
  error: null,
  joins: 0,
  captionUrl: null,
};

// Only when the server closed the connection without saying why (its session:closed says it).
const CLOSED_BY_SERVER =
  'The server closed your connection: your link may have been revoked, or the session has ended.';

/** Whether the device says it has a network (false: no network interface up but loopback). */
function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** Joins on every (re)connection, so a client coming back gets the current state, not a stale one. */
/** How long a page waits before asking again a server that could not reach its store. */
const RETRY_MS = 1500;

/** A handshake the server could not check yet (its store is out of reach), not a refused link. */
function retryLater(err: Error): boolean {
  const data = (err as Error & { data?: unknown }).data;
  return typeof data === 'object' && data !== null && (data as { retry?: unknown }).retry === true;
}

export function useRoomSocket(
  socket: RoomSocket,
  name: string,
): RoomSocketState & { /** A media token is on its way. */ mediaPending: boolean } {
  const [value, setValue] = useState<RoomSocketState>(INITIAL);
  const online = useOnline();

  useEffect(() => {
    let current = true;
    // The server said it is stopping: the drop that follows is a restart, not the end.
    let serverStopping = false;
    const onJoined = (result: JoinResult) =>
      setValue((v) => ({
        ...v,
        connected: true,
        closed: false,
        self: result.self,
        state: newer(v.state, result.state),
        queue: { queue: result.queue, clockOffsetMs: result.queue.serverNow - Date.now() },
        livekit: v.livekit ?? result.livekit,
        mediaAvailable: result.media.available,
        mediaTokenRefused: false,
        error: null,
        joins: v.joins + 1,
        captionUrl: result.captionUrl,
      }));
    // A server that cannot reach its store for a moment says so; the page asks again, as long as
    // it is still connected, and shows the reason meanwhile.
    const join = () => {
      void ask(socket, 'room:join', { name }).then((result) => {
        if (!current) return;
        if (result.ok) return onJoined(result);
        // The connection dropped on the way (its transport failed): the page joins again as soon
        // as it is back, and the status line says it is reconnecting; this is no refusal to show.
        if (result.reason === REASONS.dropped) return;
        setValue((v) => ({ ...v, error: result.message }));
        if (result.reason === 'unavailable') {
          setTimeout(() => current && socket.connected && join(), RETRY_MS);
        }
      });
    };
    const onConnect = () => {
      serverStopping = false;
      setValue((v) => ({ ...v, connected: true, lost: null }));
      join();
    };
    const onDisconnect = (reason: Socket.DisconnectReason) => {
      const closed = reason === 'io server disconnect';
      const lost =
        closed || reason === 'io client disconnect' ? null : serverStopping ? 'restarting' : 'network';
      setValue((v) => ({
        ...v,
        connected: false,
        closed,
        lost,
        error: closed && !v.closedBy ? CLOSED_BY_SERVER : v.error,
      }));
    };
    const onClosed = (event: SessionClosedEvent) => setValue((v) => ({ ...v, closedBy: event }));
    const onStopping = (ack: () => void) => {
      serverStopping = true;
      ack();
    };
    // An inactive socket was refused by the server (a bad link) and will not retry by itself;
    // an active one is only waiting for the network and says so in the connection status.
    const onConnectError = (err: Error) => {
      const link = closedLinkOf(err);
      if (!socket.active && retryLater(err)) {
        setTimeout(() => current && socket.connect(), RETRY_MS);
        return setValue((v) => ({ ...v, connected: false }));
      }
      setValue((v) =>
        link
          ? { ...v, connected: false, closed: true, closedBy: link.closed }
          : socket.active
            ? { ...v, connected: false }
            : { ...v, connected: false, closed: true, error: err.message },
      );
    };
    const onState = (state: RoomState) => setValue((v) => ({ ...v, state: newer(v.state, state) }));
    const onMediaStatus = ({ available }: MediaStatusEvent) =>
      setValue((v) =>
        v.mediaAvailable === available ? v : { ...v, mediaAvailable: available, mediaTokenRefused: false },
      );

    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onConnectError);
    socket.on('room:state', onState);
    socket.on('media:status', onMediaStatus);
    socket.on('session:closed', onClosed);
    socket.on('server:stopping', onStopping);
    // The pre-join page may have connected it already (to ask for media ahead): join at once.
    if (socket.connected) onConnect();
    else socket.connect();
    return () => {
      current = false;
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.off('room:state', onState);
      socket.off('media:status', onMediaStatus);
      socket.off('session:closed', onClosed);
      socket.off('server:stopping', onStopping);
      socket.disconnect();
    };
  }, [socket, name]);

  // The public receives no media before the session is live (policy A3): once it is, ask for it.
  // A page that joined while the media server was down asks when the server says it is back, and
  // not before: the server would refuse, and nothing would change until it says so.
  const live = value.state?.session.status === 'live';
  const entitled = value.self !== null && (live || !isAudience(value.self.role));
  const waitingForMedia = entitled && value.livekit === null && value.mediaAvailable;
  useEffect(() => {
    if (!waitingForMedia) return;
    let current = true;
    void ask(socket, 'room:media-token', {}).then((result) => {
      if (!current) return;
      if (result.ok) setValue((v) => ({ ...v, livekit: v.livekit ?? result.livekit }));
      else setValue((v) => ({ ...v, mediaTokenRefused: true }));
    });
    return () => {
      current = false;
    };
  }, [socket, waitingForMedia]);

  // The device's word explains a drop; it is not taken as one (a server on this machine still answers).
  const lost = value.lost === 'network' && !online ? 'offline' : value.lost;
  return { ...value, lost, mediaPending: waitingForMedia && !value.mediaTokenRefused };
}
