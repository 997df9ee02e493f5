import { CAPTION_SYNC_MAX_LINES } from '../../shared/captions.js';
import type { CommandPipeline } from '../transport/commands.js';
import type { RoomContext } from '../transport/context.js';

/**
 * caption:* commands: captioners write (C3, C4, C18; who: A16, A28, and the pen, A26) and take over
 * (A27); everyone can catch up by seq (C8, A2).
 */
export function registerCaptionHandlers(ctx: RoomContext, commands: CommandPipeline) {
  commands.on('caption:sync', {
    action: 'caption:read',
    handle: async ({ afterSeq, afterFix }, { session }) => {
      // Read first: a correction made meanwhile is in what follows, or reaches the page live.
      const lastFix = await ctx.captions.lastFix(session.id);
      // A late joiner (afterSeq 0) gets the recent history, not the whole session.
      const last = await ctx.captions.lastSeq(session.id);
      const from = afterSeq === 0 ? Math.max(0, last - CAPTION_SYNC_MAX_LINES) : afterSeq;
      const missed = afterFix !== undefined && afterFix < lastFix && afterSeq > 0;
      return {
        ok: true as const,
        lines: await ctx.captions.linesAfter(session.id, from, CAPTION_SYNC_MAX_LINES),
        fixes: missed
          ? await ctx.captions.correctedAfter(session.id, afterFix, afterSeq, CAPTION_SYNC_MAX_LINES)
          : [],
        lastFix,
        // The clock caption times are on: a page sets its own against it to tell how late they come.
        now: ctx.now().toISOString(),
      };
    },
  });

  commands.on('caption:update', {
    action: 'caption:write',
    handle: async ({ text, lang, speaker, line }, { session, invite }) => {
      const name = speaker ?? (await ctx.speakerFor(session.id));
      const command = { type: 'replace', text, speaker: name, lineId: line } as const;
      return ctx.captions.write(session.id, invite.id, lang, command);
    },
  });

  commands.on('caption:commit', {
    action: 'caption:write',
    handle: ({ lang, line }, { session, invite }) =>
      ctx.captions.write(session.id, invite.id, lang, { type: 'commit', lineId: line }),
  });

  commands.on('caption:correct', {
    action: 'caption:correct',
    handle: ({ seq, text, speaker }, { session, invite }) =>
      ctx.captions.correct(session.id, invite.id, seq, text, speaker),
  });

  commands.on('caption:take-pen', {
    action: 'caption:take-pen',
    handle: ({ lang }, { session, invite }) => ctx.captions.takePen(session.id, invite.id, lang),
  });
}
