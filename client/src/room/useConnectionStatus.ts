import { useState } from 'react';
import type { MediaStatus } from './useMediaConnection';

export const STATUS_TEXT = {
  connecting: 'Connecting…',
  connectingMedia: 'Connecting audio and video…',
  reconnecting: 'Reconnecting to the room…',
  mediaUnavailable: 'Media unavailable: you can still follow the room.',
  closed: 'Disconnected from the room.',
  connected: 'Connected',
  reconnected: 'Reconnected',
} as const;

interface SocketSide {
  joined: boolean;
  connected: boolean;
  closed: boolean;
}

function troubleText(socket: SocketSide, media: MediaStatus): string | null {
  if (socket.closed) return STATUS_TEXT.closed;
  if (!socket.joined) return STATUS_TEXT.connecting;
  if (!socket.connected || media === 'reconnecting') return STATUS_TEXT.reconnecting;
  if (media === 'unavailable' || media === 'off') return STATUS_TEXT.mediaUnavailable;
  if (media === 'connecting') return STATUS_TEXT.connectingMedia;
  return null;
}

/**
 * The one line that says how the connection is. It changes only when the connection does, so the
 * status region it feeds is read out once per change; after a drop, "Reconnected" stays until the next.
 */
export function useConnectionStatus(socket: SocketSide, media: MediaStatus): { text: string; ok: boolean } {
  const [recovered, setRecovered] = useState(false);
  const trouble = troubleText(socket, media);
  const dropped = trouble === STATUS_TEXT.reconnecting || trouble === STATUS_TEXT.mediaUnavailable;
  // Adjusting state while rendering (React's documented pattern): remember that there was a drop.
  if (dropped && !recovered) setRecovered(true);
  if (trouble) return { text: trouble, ok: false };
  return { text: recovered ? STATUS_TEXT.reconnected : STATUS_TEXT.connected, ok: true };
}
