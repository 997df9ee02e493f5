import { setImmediate as afterAnswers } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { MediaService } from '../livekit/media.js';
import { connectionsChannel, inviteChannel, type OpenFloorServer } from './context.js';

/**
 * K3: closing is one effect. Every connection made with a link, or to a session, is in a channel
 * from the moment it connects (joined or not), so one call closes them all, and the media room
 * follows. Closing waits for the answers already on their way (the moderator who ends the session
 * hears "ok" before the connection closes); media failures are logged, not thrown.
 */
export function createClosing(io: OpenFloorServer, media: MediaService | null, log: Logger) {
  return {
    /** A revoked link or a cancelled registration: its sockets and its place in the media room. */
    async closeInvite(sessionId: string, inviteId: string): Promise<void> {
      await afterAnswers();
      io.in(inviteChannel(inviteId)).disconnectSockets(true);
      await media?.removeParticipant(sessionId, inviteId).catch((err: unknown) => {
        log.warn({ err, sessionId, inviteId }, 'could not remove a participant from the media room');
      });
    },
    /** An ended or cancelled session: every socket, and the media room itself. */
    async closeSession(sessionId: string): Promise<void> {
      await afterAnswers();
      io.in(connectionsChannel(sessionId)).disconnectSockets(true);
      await media?.deleteRoom(sessionId).catch((err: unknown) => {
        log.warn({ err, sessionId }, 'could not delete the media room');
      });
    },
  };
}

export type Closing = ReturnType<typeof createClosing>;
