import type { CommandName, ParsedPayload } from '../../shared/commands.js';
import { REASONS, type Ack, type AckOf } from '../../shared/protocol.js';
import { isAudience } from '../../shared/roles.js';
import type { PolicyAction } from '../policy/policy.js';
import { refuse, type Caller, type CommandPipeline } from '../transport/commands.js';
import type { RoomContext } from '../transport/context.js';
import { voiceOf } from './voice.js';
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

  on('queue:raise-hand', 'queue:raise-hand', async (p, by) => ({
    type: 'raise',
    by,
    kind: p.kind,
    topic: p.topic,
    remark: p.kind === 'remark' ? (p.remark ?? '') : null,
    // Q18: whether they sign: their registration's answer or a moderator's mark (A40).
    signs: await ctx.registrations.signs(by.id),
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
  // Q18: a signing speaker's turn is voiced by the interpreter pinned when it starts.
  const voice = (caller: Caller) => voiceOf(ctx, caller.session.active_interpreter_id);
  on('floor:accept', 'floor:answer', async (_p, by, caller) => ({
    type: 'accept',
    by,
    voice: await voice(caller),
  }));
  on('floor:decline', 'floor:answer', (_p, by) => ({ type: 'decline', by }));
  on('floor:end', 'floor:end', (_p, by) => ({ type: 'end', by }));
  on('timer:pause', 'timer:control', (_p, by) => ({ type: 'pause', by }));
  on('timer:resume', 'timer:control', (_p, by) => ({ type: 'resume', by }));
  on('timer:extend', 'timer:control', (p, by) => ({ type: 'extend', by, ms: p.ms }));
  registerSigningHandler(ctx, commands, actor);
}

/** speaker:mark-signing (A40, Q19): the mark is kept on the person's link, then the queue follows. */
function registerSigningHandler(ctx: RoomContext, commands: CommandPipeline, actor: (c: Caller) => Actor) {
  commands.on('speaker:mark-signing', {
    action: 'speaker:mark-signing',
    handle: async ({ participantId, signs }, caller) => {
      const { session } = caller;
      const target = await ctx.repo.getInvite(participantId);
      if (target?.session_id !== session.id || !isAudience(target.role))
        return refuse(REASONS.notFound, 'That person is not a participant of this session.');
      await ctx.registrations.markSigns(session.id, participantId, signs);
      const voice = await voiceOf(ctx, session.active_interpreter_id);
      const by = actor(caller);
      const result = await ctx.queue.apply(session.id, {
        type: 'mark-signing',
        by,
        target: participantId,
        signs,
        voice,
      });
      return result.ok ? { ok: true as const } : refuse(result.reason, result.message);
    },
  });
}
