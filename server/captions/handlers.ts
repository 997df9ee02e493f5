import {
  CAPTION_SYNC_MAX_LINES,
  captionCommitSchema,
  captionSyncSchema,
  captionUpdateSchema,
} from '../../shared/captions.js';
import { REASONS } from '../../shared/protocol.js';
import { createCommandWrapper, refuse } from '../room/command.js';
import type { OpenFloorSocket, RoomContext } from '../room/context.js';

/** caption:* commands: captioners write (C3, C4); everyone can catch up by seq (C8). */
export function registerCaptionHandlers(ctx: RoomContext, socket: OpenFloorSocket): void {
  const command = createCommandWrapper(ctx, socket);
  const { sessionId } = socket.data;
  const captionerOnly = () =>
    !socket.data.joined
      ? refuse(REASONS.notJoined, 'Join the room first.')
      : socket.data.role !== 'captioner'
        ? refuse(REASONS.forbidden, 'Only captioners write captions.')
        : null;

  socket.on(
    'caption:sync',
    command(captionSyncSchema, async ({ afterSeq }) => {
      if (!socket.data.joined) return refuse(REASONS.notJoined, 'Join the room first.');
      // A late joiner (afterSeq 0) gets the recent history, not the whole session.
      const last = await ctx.captions.lastSeq(sessionId);
      const from = afterSeq === 0 ? Math.max(0, last - CAPTION_SYNC_MAX_LINES) : afterSeq;
      return { ok: true, lines: await ctx.captions.linesAfter(sessionId, from, CAPTION_SYNC_MAX_LINES) };
    }),
  );

  socket.on(
    'caption:update',
    command(captionUpdateSchema, async ({ text, lang, speaker }) => {
      const refusal = captionerOnly();
      if (refusal) return refusal;
      const name = speaker ?? (await ctx.speakerFor(sessionId));
      await ctx.captions.apply(sessionId, lang, { type: 'replace', text, speaker: name });
      return { ok: true };
    }),
  );

  socket.on(
    'caption:commit',
    command(captionCommitSchema, async ({ lang }) => {
      const refusal = captionerOnly();
      if (refusal) return refusal;
      await ctx.captions.apply(sessionId, lang, { type: 'commit' });
      return { ok: true };
    }),
  );
}
