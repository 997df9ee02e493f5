import { setImmediate as afterAnswers } from 'node:timers/promises';
import { CLOSE_REASONS, type CloseReason } from '../../shared/protocol.js';
import type { MediaEffects } from '../livekit/effects.js';
import { connectionsChannel, inviteChannel, sessionChannel, type OpenFloorServer } from './context.js';

/**
 * K3: closing is one effect. Every connection made with a link, or to a session, is in a channel
 * from the moment it connects (joined or not), so one call closes them all, and the media room
 * follows. Closing waits for the answers already on their way (the moderator who ends the session
 * hears "ok" before the connection closes), then tells each connection why (`session:closed`), so
 * its page shows an end page rather than an error, and closes it. The media server's part is handed
 * to the media effects (K6), which retry it, so a slow or absent media server delays nothing here.
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
      const channel = io.in(inviteChannel(inviteId));
      channel.emit('session:closed', { reason: CLOSE_REASONS.linkRevoked, transcriptUntil: null });
      channel.disconnectSockets(true);
      media?.removeParticipant(sessionId, inviteId);
    },
    /**
     * An ended or cancelled session: every socket, the media room itself, and what memory held.
     * `transcriptUntil` is offered to the connections that joined the room (A24), not to the rest.
     */
    async closeSession(
      sessionId: string,
      reason: Exclude<CloseReason, 'link-revoked'>,
      transcriptUntil: Date | null,
    ): Promise<void> {
      await afterAnswers();
      const joined = sessionChannel(sessionId);
      const until = transcriptUntil?.toISOString() ?? null;
      io.in(joined).emit('session:closed', { reason, transcriptUntil: until });
      io.in(connectionsChannel(sessionId))
        .except(joined)
        .emit('session:closed', { reason, transcriptUntil: null });
      io.in(connectionsChannel(sessionId)).disconnectSockets(true);
      media?.deleteRoom(sessionId);
      forget(sessionId);
    },
  };
}

export type Closing = ReturnType<typeof createClosing>;
