import { isStoreUnavailable, STORE_UNAVAILABLE_MESSAGE } from '../store/unavailable.js';
import { z } from 'zod';
import { PROTOCOL_VERSION } from '../../shared/protocol.js';
import { closedLink } from '../invites/closed.js';
import { LINK_MESSAGES, resolveInvite } from '../invites/resolve.js';
import { LinkError } from '../invites/tokens.js';
import { connectionsChannel, inviteChannel, type OpenFloorSocket, type RoomContext } from './context.js';

const handshakeSchema = z.object({
  token: z.string().min(1).max(2048),
  // Clients before version 2 sent no version: they are refused like any other mismatch (K5).
  protocol: z.number().int().optional(),
});

export const OUTDATED_CLIENT =
  'This page is out of date: reload it to join (the server was updated since it was opened).';

/**
 * Socket.IO middleware: a connection needs a valid personal join link and this protocol version.
 * The connection is put in its link's and its session's channels at once, joined or not, so that
 * revoking the link or ending the session closes it too (K3).
 */
export function createSocketAuth(ctx: RoomContext) {
  return async (socket: OpenFloorSocket, next: (err?: Error) => void): Promise<void> => {
    const parsed = handshakeSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(new Error('A join link token is required.'));
    if (parsed.data.protocol !== PROTOCOL_VERSION) return next(new Error(OUTDATED_CLIENT));
    try {
      const { invite } = await resolveInvite(ctx.signer, ctx.repo, parsed.data.token, ctx.now());
      socket.data = {
        inviteId: invite.id,
        sessionId: invite.session_id,
        role: invite.role,
        name: invite.name,
        joined: false,
      };
      await socket.join([inviteChannel(invite.id), connectionsChannel(invite.session_id)]);
      next();
    } catch (err) {
      if (err instanceof LinkError) {
        // A page reconnecting after its session ended (or its link was withdrawn) meanwhile is
        // told as if it had been connected: with the end page's facts.
        const refusal: Error & { data?: unknown } = new Error(LINK_MESSAGES[err.problem].title);
        const closed = await closedLink(ctx, parsed.data.token, ctx.now());
        if (closed) refusal.data = { closed };
        return next(refusal);
      }
      if (isStoreUnavailable(err)) {
        // Not a refusal of the link: the page tries again by itself (its socket would not).
        ctx.log.warn({ err: (err as Error).message }, 'socket auth deferred: the store is out of reach');
        return next(Object.assign(new Error(STORE_UNAVAILABLE_MESSAGE), { data: { retry: true } }));
      }
      ctx.log.error({ err }, 'socket auth failed');
      next(new Error('The server could not check this link.'));
    }
  };
}
