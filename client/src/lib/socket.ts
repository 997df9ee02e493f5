import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  REASONS,
  type AckOf,
  type ClientToServerEvents,
  type HandshakeAuth,
  type PayloadOf,
  type ServerToClientEvents,
} from '../../../shared/protocol.js';

export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const COMMAND_TIMEOUT_MS = 10_000;

/** One socket per page, authenticated by the personal join link's token. */
export function createRoomSocket(token: string): RoomSocket {
  const auth: HandshakeAuth = { token, protocol: PROTOCOL_VERSION };
  return io({ auth, autoConnect: false });
}

/**
 * Sends a command and resolves with its typed acknowledgement, or a refusal of our own when none
 * came: the connection closed first (socket.io-client gives up on the answer then), or time ran out.
 */
export async function ask<E extends keyof ClientToServerEvents>(
  socket: RoomSocket,
  event: E,
  payload: PayloadOf<E>,
): Promise<AckOf<E>> {
  // socket.io-client's timeout() loses the acknowledgement type; AckOf restores it.
  const timed = socket.timeout(COMMAND_TIMEOUT_MS) as unknown as {
    emitWithAck(event: E, payload: PayloadOf<E>): Promise<AckOf<E>>;
  };
  try {
    return await timed.emitWithAck(event, payload);
  } catch {
    if (!socket.connected) {
      const message = 'The connection dropped before the server answered: check whether it was done.';
      return { ok: false, reason: REASONS.dropped, message } as AckOf<E>;
    }
    return { ok: false, reason: 'internal-error', message: 'The server did not answer in time.' } as AckOf<E>;
  }
}
