// What the benchmark drivers share on the client side: the typed socket and an awaited command.
import type { Socket } from 'socket.io-client';
import type { AckOf, ClientToServerEvents, PayloadOf, ServerToClientEvents } from '../../shared/protocol.js';

export type BenchClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Sends a command and awaits its typed acknowledgement (a loaded server may take a while). */
export function ask<E extends keyof ClientToServerEvents>(
  socket: BenchClient,
  event: E,
  payload: PayloadOf<E>,
  timeoutMs = 30_000,
): Promise<AckOf<E>> {
  const timed = socket.timeout(timeoutMs) as unknown as {
    emitWithAck(e: E, p: PayloadOf<E>): Promise<AckOf<E>>;
  };
  return timed.emitWithAck(event, payload);
}
