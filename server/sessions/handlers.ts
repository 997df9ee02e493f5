import { z } from 'zod';
import { REASONS } from '../../shared/protocol.js';
import { createCommandWrapper, refuse } from '../room/command.js';
import type { OpenFloorSocket, RoomContext } from '../room/context.js';
import { applyLifecycle } from './lifecycle.js';

const advanceSchema = z.object({ action: z.enum(['open-lobby', 'go-live', 'end']) }).strict();

/** session:advance: a moderator opens the lobby, takes the session live, or ends it. */
export function registerSessionHandlers(ctx: RoomContext, socket: OpenFloorSocket): void {
  const command = createCommandWrapper(ctx, socket);
  socket.on(
    'session:advance',
    command(advanceSchema, async ({ action }) => {
      if (!socket.data.joined) return refuse(REASONS.notJoined, 'Join the room first.');
      if (socket.data.role !== 'moderator') {
        return refuse(REASONS.forbidden, 'Only moderators open or end the session.');
      }
      const result = await applyLifecycle(ctx, socket.data.sessionId, action);
      return result.ok ? result : refuse(result.reason, result.message);
    }),
  );
}
