import type { CommandName, ParsedPayload } from '../../shared/commands.js';
import type { Ack, AckOf } from '../../shared/protocol.js';
import type { PolicyAction } from '../policy/policy.js';
import { refuse, type Caller, type CommandPipeline } from '../transport/commands.js';
import type { RoomContext } from '../transport/context.js';
import type { Actor, QueueCommand } from './machine.js';

type QueueCommandName = Extract<CommandName, `queue:${string}` | `floor:${string}` | `timer:${string}`>;

/** queue:*, floor:* and timer:* commands: the policy says who (A8-A15), the queue machine what. */
export function registerQueueHandlers(ctx: RoomContext, commands: CommandPipeline) {
  const actor = (caller: Caller): Actor => ({
    id: caller.invite.id,
    role: caller.invite.role,
    name: caller.socket.data.name,
  });

  function on<E extends QueueCommandName>(
    event: E,
    action: PolicyAction | ((payload: ParsedPayload<E>, caller: Caller) => PolicyAction),
    toCommand: (payload: ParsedPayload<E>, by: Actor, caller: Caller) => QueueCommand | Promise<QueueCommand>,
  ) {
    commands.on(event, {
      action,
      handle: async (payload, caller) => {
        const command = await toCommand(payload, actor(caller), caller);
        const result = await ctx.queue.apply(caller.session.id, command);
        if (!result.ok) return refuse(result.reason, result.message) as AckOf<E>;
        const ack: Ack<{ skipped?: string[] }> = result.skipped?.length
          ? { ok: true, skipped: result.skipped }
          : { ok: true };
        return ack as AckOf<E>;
      },
    });
  }

  on('queue:raise-hand', 'queue:raise-hand', (p, by) => ({
    type: 'raise',
    by,
    kind: p.kind,
    topic: p.topic,
    remark: p.kind === 'remark' ? (p.remark ?? '') : null,
  }));
  on(
    'queue:lower-hand',
    (p, caller) =>
      p.participantId && p.participantId !== caller.invite.id ? 'queue:manage' : 'queue:lower-own',
    (p, by) => ({ type: 'lower', by, target: p.participantId ?? by.id }),
  );
  on('queue:move', 'queue:manage', (p, by) => ({
    type: 'move',
    by,
    target: p.participantId,
    direction: p.direction,
  }));
  on('queue:lower-all', 'queue:manage', (_p, by) => ({ type: 'lower-all', by }));
  on('queue:configure', 'queue:configure', (p, by) => ({ type: 'configure', by, settings: p }));
  // Q15: who can be asked is who is connected when the command runs.
  const present = (caller: Caller) => ctx.presence.onlineIds(caller.session.id);
  on('floor:give', 'floor:give', async (p, by, caller) => ({
    type: 'give',
    by,
    target: p.participantId,
    present: await present(caller),
  }));
  on('floor:next', 'floor:give', async (_p, by, caller) => ({
    type: 'next',
    by,
    present: await present(caller),
  }));
  on('floor:accept', 'floor:answer', (_p, by) => ({ type: 'accept', by }));
  on('floor:decline', 'floor:answer', (_p, by) => ({ type: 'decline', by }));
  on('floor:end', 'floor:end', (_p, by) => ({ type: 'end', by }));
  on('timer:pause', 'timer:control', (_p, by) => ({ type: 'pause', by }));
  on('timer:resume', 'timer:control', (_p, by) => ({ type: 'resume', by }));
  on('timer:extend', 'timer:control', (p, by) => ({ type: 'extend', by, ms: p.ms }));
}
