import { CAPTION_SYNC_MAX_LINES } from '../../shared/captions.js';
import type { CommandPipeline } from '../transport/commands.js';
import type { OpenFloorSocket, RoomContext } from '../transport/context.js';

/** caption:* commands: captioners write (C3, C4; who: A16); everyone can catch up by seq (C8, A2). */
export function registerCaptionHandlers(
  ctx: RoomContext,
  commands: CommandPipeline,
  socket: OpenFloorSocket,
) {
  const { sessionId } = socket.data;

  commands.on(socket, 'caption:sync', {
    action: 'caption:read',
    handle: async ({ afterSeq }) => {
      // A late joiner (afterSeq 0) gets the recent history, not the whole session.
      const last = await ctx.captions.lastSeq(sessionId);
      const from = afterSeq === 0 ? Math.max(0, last - CAPTION_SYNC_MAX_LINES) : afterSeq;
      return {
        ok: true as const,
        lines: await ctx.captions.linesAfter(sessionId, from, CAPTION_SYNC_MAX_LINES),
      };
    },
  });

  commands.on(socket, 'caption:update', {
    action: 'caption:write',
    handle: async ({ text, lang, speaker }) => {
      const name = speaker ?? (await ctx.speakerFor(sessionId));
      await ctx.captions.apply(sessionId, lang, { type: 'replace', text, speaker: name });
      return { ok: true as const };
    },
  });

  commands.on(socket, 'caption:commit', {
    action: 'caption:write',
    handle: async ({ lang }) => {
      await ctx.captions.apply(sessionId, lang, { type: 'commit' });
      return { ok: true as const };
    },
  });
}
