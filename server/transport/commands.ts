import { RateLimiterMemory } from 'rate-limiter-flexible';
import { z } from 'zod';
import {
  COMMAND_SCHEMAS,
  isCommandName,
  type CommandName,
  type ParsedPayload,
} from '../../shared/commands.js';
import { REASONS, type Ack, type AckOf, type Reason } from '../../shared/protocol.js';
import { checkInvite, LINK_MESSAGES, type ResolvedInvite } from '../invites/resolve.js';
import { LinkError } from '../invites/tokens.js';
import { decide, type PolicyAction } from '../policy/policy.js';
import { isStoreUnavailable, STORE_UNAVAILABLE_MESSAGE } from '../store/unavailable.js';
import type { OpenFloorSocket, RoomContext } from './context.js';

/** Commands one socket may send per second, all commands together, before it is told to slow down. */
const COMMANDS_PER_SECOND = 20;

export function refuse(reason: Reason, message: string): Ack<never> {
  return { ok: false, reason, message };
}

/** Who sent a command, as the pipeline found them in the store a moment ago. */
export interface Caller extends ResolvedInvite {
  socket: OpenFloorSocket;
}

export interface CommandSpec<E extends CommandName> {
  /** What the policy is asked; it may depend on the payload (lowering one's own hand or another's). */
  action: PolicyAction | ((payload: ParsedPayload<E>, caller: Caller) => PolicyAction);
  /** Everything but joining needs the room joined first. */
  beforeJoin?: boolean;
  handle: (payload: ParsedPayload<E>, caller: Caller) => Promise<AckOf<E>>;
}

type Reply = (result: Ack<object>) => void;

/** Told of every command as it is answered: its name (`unknown` for any other) and `ok` or why not. */
export type CommandObserver = (command: CommandName | 'unknown', outcome: 'ok' | Reason) => void;

/**
 * K1: the one pipeline every socket command passes. Acknowledge whatever arguments came, rate
 * limit the socket (one limiter for all its commands), re-check its link against the store,
 * validate the payload, ask the policy, then hand over to the feature's handler.
 */
export function createCommandPipeline(
  ctx: RoomContext,
  commandsPerSecond = COMMANDS_PER_SECOND,
  onAnswered?: CommandObserver,
) {
  const limiter = new RateLimiterMemory({ points: commandsPerSecond, duration: 1 });

  /** The acknowledgement, telling `onAnswered` (the node's metrics) how the command ended first. */
  function answering(command: CommandName | 'unknown', ack: Reply): Reply {
    if (!onAnswered) return ack;
    return (result) => {
      onAnswered(command, result.ok ? 'ok' : result.reason);
      ack(result);
    };
  }

  async function access(socket: OpenFloorSocket): Promise<ResolvedInvite | Ack<never>> {
    try {
      return await checkInvite(ctx.repo, socket.data.inviteId, ctx.now());
    } catch (err) {
      if (!(err instanceof LinkError)) throw err;
      return refuse(REASONS.closed, `${LINK_MESSAGES[err.problem].title}.`);
    }
  }

  async function run<E extends CommandName>(
    socket: OpenFloorSocket,
    event: E,
    spec: CommandSpec<E>,
    args: unknown[],
    reply: Reply,
  ) {
    if (args.length > 1) return reply(refuse(REASONS.invalidPayload, 'A command takes one payload object.'));
    try {
      await limiter.consume(socket.id);
    } catch {
      return reply(refuse(REASONS.rateLimited, 'Too many requests; wait a moment and try again.'));
    }
    const found = await access(socket);
    if ('ok' in found) {
      // Answer first, so the client learns why, then close: the link no longer opens anything.
      reply(found);
      return void setImmediate(() => socket.disconnect(true));
    }
    const parsed = COMMAND_SCHEMAS[event].safeParse(args[0] ?? {});
    if (!parsed.success) return reply(refuse(REASONS.invalidPayload, z.prettifyError(parsed.error)));
    if (!spec.beforeJoin && !socket.data.joined)
      return reply(refuse(REASONS.notJoined, 'Join the room first.'));
    const payload = parsed.data as ParsedPayload<E>;
    const caller: Caller = { ...found, socket };
    const action = typeof spec.action === 'function' ? spec.action(payload, caller) : spec.action;
    const decision = decide(action, {
      role: found.invite.role,
      status: found.session.status,
      publicComments: found.session.public_comments === 1,
    });
    if (!decision.ok) return reply(refuse(decision.reason, decision.message));
    reply((await spec.handle(payload, caller)) as Ack<object>);
  }

  const specs = new Map<CommandName, CommandSpec<CommandName>>();

  // One listener per socket for every event (bound to it, not a closure per command per socket:
  // with thousands of viewers, each function object made per socket costs memory).
  function dispatch(this: OpenFloorSocket, event: unknown, ...args: unknown[]): void {
    // Without an acknowledgement callback there is no one to answer (the protocol requires one).
    const ack = args.at(-1);
    if (typeof ack !== 'function') return;
    const command = typeof event === 'string' && isCommandName(event) ? event : null;
    const reply = answering(command ?? 'unknown', ack as Reply);
    const spec = command && specs.get(command);
    if (!command || !spec) return reply(refuse(REASONS.unknownCommand, 'No such command.'));
    run(this, command, spec, args.slice(0, -1), reply).catch((err: unknown) => {
      if (isStoreUnavailable(err)) {
        ctx.log.warn({ event, err: (err as Error).message }, 'command refused: the store is out of reach');
        return reply(refuse(REASONS.unavailable, STORE_UNAVAILABLE_MESSAGE));
      }
      ctx.log.error({ err, event, socket: this.id }, 'command failed');
      reply(refuse(REASONS.internal, 'The server could not complete this request.'));
    });
  }

  return {
    /** Defines a command once for every socket; the payload and acknowledgement types follow the event. */
    on<E extends CommandName>(event: E, spec: CommandSpec<E>): void {
      specs.set(event, spec);
    },
    /** Takes a new socket's commands through the pipeline. */
    attach(socket: OpenFloorSocket): void {
      socket.onAny(dispatch.bind(socket));
    },
  };
}

export type CommandPipeline = ReturnType<typeof createCommandPipeline>;
