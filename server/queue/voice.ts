import type { Voice } from '../../shared/queue.js';
import type { RoomContext } from '../transport/context.js';

/**
 * The voice of a signing speaker (queue rule Q18): the active interpreter, by id and by the name
 * they joined with, or null while no interpreter is pinned.
 */
export async function voiceOf(ctx: RoomContext, interpreterId: string | null): Promise<Voice | null> {
  if (!interpreterId) return null;
  const invite = await ctx.repo.getInvite(interpreterId);
  return invite ? { participantId: invite.id, name: invite.name } : null;
}
