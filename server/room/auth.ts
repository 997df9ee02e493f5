import { z } from 'zod';
import { LINK_MESSAGES, resolveInvite } from '../invites/resolve.js';
import { LinkError } from '../invites/tokens.js';
import type { OpenFloorSocket, RoomContext } from './context.js';

const handshakeSchema = z.object({ token: z.string().min(1).max(2048) });

/** Socket.IO middleware: a connection needs a valid personal join link, checked on every connection. */
export function createSocketAuth(ctx: RoomContext) {
  return async (socket: OpenFloorSocket, next: (err?: Error) => void): Promise<void> => {
    const parsed = handshakeSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(new Error('A join link token is required.'));
    try {
      const { invite } = await resolveInvite(ctx.signer, ctx.repo, parsed.data.token, ctx.now());
      socket.data = {
        inviteId: invite.id,
        sessionId: invite.session_id,
        role: invite.role,
        name: invite.name,
        joined: false,
      };
      next();
    } catch (err) {
      if (err instanceof LinkError) return next(new Error(LINK_MESSAGES[err.problem].title));
      ctx.log.error({ err }, 'socket auth failed');
      next(new Error('The server could not check this link.'));
    }
  };
}
