import type { Room } from 'livekit-client';
import { useCallback, useEffect, useState, type RefObject } from 'react';
import type { LiveKitConnection } from '../../../shared/protocol.js';
import type { InviteRole } from '../../../shared/roles.js';
import type { RoomSocket } from '../lib/socket';
import type { MediaChoices } from './publish';
import { receiveAfterJoin } from './connectAhead';
import type { TrackAudience } from './standby';
import { useLiveKitEvents } from './useLiveKitEvents';
import { useMediaConnection } from './useMediaConnection';

interface LiveKitArgs {
  room: Room;
  socket: RoomSocket;
  connection: LiveKitConnection | null;
  /** Whether the server says the media server answers. */
  available: boolean;
  role: InviteRole;
  choices: MediaChoices;
  /** Where remote audio elements go (a hidden container). */
  audioRef: RefObject<HTMLElement | null>;
  /** Who may receive this page's tracks. */
  audience: RefObject<TrackAudience>;
}

/** The page's Room in the room view: its connection status, a render version, and media errors. */
export function useLiveKit(args: LiveKitArgs) {
  const { room, socket, connection, available, role, choices, audioRef, audience } = args;
  const [mediaError, setMediaError] = useState<string | null>(null);
  const onMediaError = useCallback((err: unknown) => {
    const reason = err instanceof Error ? err.message : String(err);
    setMediaError(`Your camera or microphone could not start: ${reason}`);
  }, []);
  // Mounted by the Join click: what a connection made ahead held back starts arriving now.
  useEffect(() => receiveAfterJoin(room), [room]);
  const { version, videoSeen } = useLiveKitEvents(room, role, choices, audioRef, onMediaError);
  const status = useMediaConnection({
    room,
    socket,
    connection,
    available,
    role,
    choices,
    audience,
    onMediaError,
  });
  return { status, version, videoSeen, mediaError };
}
