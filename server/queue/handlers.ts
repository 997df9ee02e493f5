import type { z } from 'zod';
import type { Ack } from '../../shared/protocol.js';
import { REASONS } from '../../shared/protocol.js';
import {
  emptySchema,
  extendSchema,
  moveSchema,
  optionalTargetSchema,
  raiseHandSchema,
  settingsSchema,
  targetSchema,
} from '../../shared/queue.js';
import { createCommandWrapper, refuse } from '../room/command.js';
import type { OpenFloorSocket, RoomContext } from '../room/context.js';
import type { Actor, QueueCommand } from './machine.js';

/** queue:*, floor:* and timer:* commands: validate, then hand to the queue service. */
export function registerQueueHandlers(ctx: RoomContext, socket: OpenFloorSocket): void {
  const command = createCommandWrapper(ctx, socket);
  const actor = (): Actor => ({ id: socket.data.inviteId, role: socket.data.role, name: socket.data.name });

  function on<S extends z.ZodType>(
    event: Parameters<OpenFloorSocket['on']>[0],
    schema: S,
    toCommand: (payload: z.infer<S>, by: Actor) => QueueCommand,
  ) {
    socket.on(
      event,
      command(schema, async (payload): Promise<Ack> => {
        if (!socket.data.joined) return refuse(REASONS.notJoined, 'Join the room first.');
        const result = await ctx.queue.apply(socket.data.sessionId, toCommand(payload, actor()));
        return result.ok ? { ok: true } : refuse(result.reason, result.message);
      }),
    );
  }

  on('queue:raise-hand', raiseHandSchema, (p, by) => ({
    type: 'raise',
    by,
    kind: p.kind,
    topic: p.topic,
    remark: p.kind === 'remark' ? (p.remark ?? '') : null,
  }));
  on('queue:lower-hand', optionalTargetSchema, (p, by) => ({
    type: 'lower',
    by,
    target: p.participantId ?? by.id,
  }));
  on('queue:move', moveSchema, (p, by) => ({
    type: 'move',
    by,
    target: p.participantId,
    direction: p.direction,
  }));
  on('queue:lower-all', emptySchema, (_p, by) => ({ type: 'lower-all', by }));
  on('queue:configure', settingsSchema, (p, by) => ({ type: 'configure', by, settings: p }));
  on('floor:give', targetSchema, (p, by) => ({ type: 'give', by, target: p.participantId }));
  on('floor:next', emptySchema, (_p, by) => ({ type: 'next', by }));
  on('floor:end', emptySchema, (_p, by) => ({ type: 'end', by }));
  on('timer:pause', emptySchema, (_p, by) => ({ type: 'pause', by }));
  on('timer:resume', emptySchema, (_p, by) => ({ type: 'resume', by }));
  on('timer:extend', extendSchema, (p, by) => ({ type: 'extend', by, ms: p.ms }));
}
