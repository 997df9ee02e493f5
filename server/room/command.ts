import { RateLimiterMemory } from 'rate-limiter-flexible';
import { z } from 'zod';
import { REASONS, type Ack, type Reason } from '../../shared/protocol.js';
import type { OpenFloorSocket, RoomContext } from './context.js';

/** Commands one socket may send per second before it is told to slow down. */
export const COMMANDS_PER_SECOND = 20;

export function refuse(reason: Reason, message: string): Ack<never> {
  return { ok: false, reason, message };
}

/**
 * Wraps a socket command: rate limit, validate the payload with its schema, run the handler,
 * and always acknowledge, so bad input gets a clear answer and changes nothing.
 */
export function createCommandWrapper(ctx: RoomContext, socket: OpenFloorSocket) {
  const limiter = new RateLimiterMemory({ points: COMMANDS_PER_SECOND, duration: 1 });
  return function command<S extends z.ZodType, R extends object>(
    schema: S,
    handle: (payload: z.infer<S>) => Promise<Ack<R>>,
  ) {
    return async (payload: unknown, ack: unknown): Promise<void> => {
      // A command without an acknowledgement callback breaks the protocol; there is no one to answer.
      if (typeof ack !== 'function') return;
      const reply = ack as (result: Ack<R>) => void;
      try {
        await limiter.consume(socket.id);
      } catch {
        return reply(refuse(REASONS.rateLimited, 'Too many requests; wait a moment and try again.'));
      }
      const parsed = schema.safeParse(payload ?? {});
      if (!parsed.success) return reply(refuse(REASONS.invalidPayload, z.prettifyError(parsed.error)));
      try {
        reply(await handle(parsed.data));
      } catch (err) {
        ctx.log.error({ err, socket: socket.id }, 'command failed');
        reply(refuse(REASONS.internal, 'The server could not complete this request.'));
      }
    };
  };
}
