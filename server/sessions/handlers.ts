import { refuse, type CommandPipeline } from '../transport/commands.js';
import type { RoomContext } from '../transport/context.js';
import { applyLifecycle, LIFECYCLE } from './lifecycle.js';

/** session:advance: a moderator opens the lobby, takes the session live, or ends it (A17-A19). */
export function registerSessionHandlers(ctx: RoomContext, commands: CommandPipeline) {
  commands.on('session:advance', {
    action: ({ action }) => LIFECYCLE[action].policy,
    handle: async ({ action }, caller) => {
      const result = await applyLifecycle(ctx, caller.session.id, action, 'moderator');
      return result.ok ? result : refuse(result.reason, result.message);
    },
  });
}
