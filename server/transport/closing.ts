import { setImmediate as afterAnswers } from 'node:timers/promises';
import type { MediaEffects } from '../livekit/effects.js';
import { connectionsChannel, inviteChannel, type OpenFloorServer } from './context.js';

/**
 * K3: closing is one effect. Every connection made with a link, or to a session, is in a channel
 * from the moment it connects (joined or not), so one call closes them all, and the media room
 * follows. Closing waits for the answers already on their way (the moderator who ends the session
 * hears "ok" before the connection closes); the media server's part is handed to the media effects
 * (K6), which retry it, so a slow or absent media server delays nothing here.
 */
export function createClosing(
  io: OpenFloorServer,
  media: MediaEffects | null,
  forget: (sessionId: string) => void,
) {
  return {
    /** A revoked link or a cancelled registration: its sockets and its place in the media room. */
    async closeInvite(sessionId: string, inviteId: string): Promise<void> {
      await afterAnswers();
      io.in(inviteChannel(inviteId)).disconnectSockets(true);
      media?.removeParticipant(sessionId, inviteId);
    },
    /** An ended or cancelled session: every socket, the media room itself, and what memory held. */
    async closeSession(sessionId: string): Promise<void> {
      await afterAnswers();
      io.in(connectionsChannel(sessionId)).disconnectSockets(true);
      media?.deleteRoom(sessionId);
      forget(sessionId);
    },
  };
}

export type Closing = ReturnType<typeof createClosing>;
