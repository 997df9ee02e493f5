import { useState } from 'react';
import type { MediaStatus } from './useMediaConnection';

export const STATUS_TEXT = {
  connecting: 'Connecting…',
  connectingMedia: 'Connecting audio and video…',
  reconnecting: 'Connection lost: reconnecting to the room…',
  restarting: 'The server is restarting: reconnecting to the room…',
  offline: 'This device is offline: the room reconnects when the network is back.',
  reconnectingMedia: 'Reconnecting audio and video…',
  mediaDown:
    'Audio and video are down: the media server is not answering. Captions and the queue keep working.',
  mediaUnavailable: 'Media unavailable: you can still follow the room.',
  closed: 'Disconnected from the room.',
  connected: 'Connected',
  reconnected: 'Reconnected',
} as const;

/** Why the room's connection dropped, when the page will reconnect by itself. */
export type LostReason = 'restarting' | 'offline' | 'network';

export interface SocketSide {
  joined: boolean;
  connected: boolean;
  closed: boolean;
  /** Why it is not connected, while it reconnects (absent: not known, said as a network drop). */
  lost?: LostReason | null;
}

const LOST_TEXT: Record<LostReason, string> = {
  restarting: STATUS_TEXT.restarting,
  offline: STATUS_TEXT.offline,
  network: STATUS_TEXT.reconnecting,
};

/**
 * What is wrong with the connection, in words for the person, or null when nothing is. The room's
 * own connection comes first: without it, nothing is known about media. The server's word that the
 * media server is down comes before what this page's media connection says, which learns it late.
 */
export function connectionTrouble(socket: SocketSide, media: MediaStatus): string | null {
  if (socket.closed) return STATUS_TEXT.closed;
  if (!socket.joined) return STATUS_TEXT.connecting;
  if (!socket.connected) return LOST_TEXT[socket.lost ?? 'network'];
  if (media === 'down') return STATUS_TEXT.mediaDown;
  if (media === 'reconnecting') return STATUS_TEXT.reconnectingMedia;
  if (media === 'unavailable' || media === 'off') return STATUS_TEXT.mediaUnavailable;
  if (media === 'connecting') return STATUS_TEXT.connectingMedia;
  return null;
}

const DROPS: ReadonlySet<string> = new Set([
  STATUS_TEXT.reconnecting,
  STATUS_TEXT.restarting,
  STATUS_TEXT.offline,
  STATUS_TEXT.reconnectingMedia,
  STATUS_TEXT.mediaDown,
  STATUS_TEXT.mediaUnavailable,
]);

/** Whether coming back from this trouble is news: "Reconnected", not "Connected". */
export function isDrop(trouble: string | null): boolean {
  return trouble !== null && DROPS.has(trouble);
}

/**
 * The one line that says how the connection is. It changes only when the connection does, so the
 * status region it feeds is read out once per change; after a drop, "Reconnected" stays until the next.
 */
export function useConnectionStatus(socket: SocketSide, media: MediaStatus): { text: string; ok: boolean } {
  const [recovered, setRecovered] = useState(false);
  const trouble = connectionTrouble(socket, media);
  // Adjusting state while rendering (React's documented pattern): remember that there was a drop.
  if (isDrop(trouble) && !recovered) setRecovered(true);
  if (trouble) return { text: trouble, ok: false };
  return { text: recovered ? STATUS_TEXT.reconnected : STATUS_TEXT.connected, ok: true };
}
