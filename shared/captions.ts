import { z } from 'zod';
import { singleLineText } from './text.js';

/** Caption languages are BCP 47 tags such as en-US; the default track is English. */
export const DEFAULT_CAPTION_LANG = 'en-US';
export const CAPTION_LINE_MAX_CHARS = 1000;
/** How a written remark given the floor reads in the captions and the transcript (C10). */
export const REMARK_PREFIX = '[Written remark]';
export const CAPTION_POST_MAX_BYTES = 8 * 1024;
/** Text sent without a line break is committed after this pause, for software that never sends breaks. */
export const CAPTION_IDLE_COMMIT_MS = 3000;

export const langSchema = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, 'lang must be a language tag such as en-US.');

/** A committed caption line: numbered per session so a client can ask for exactly what it missed. */
export interface CaptionLine {
  seq: number;
  lang: string;
  speaker: string;
  text: string;
  /** When the line began (ISO): the cue's start in transcripts. */
  startedAt: string;
  /** When the line was committed (ISO). */
  at: string;
}

/** The line being written, shown in place before it is committed. */
export interface CaptionPartial {
  lang: string;
  speaker: string;
  text: string;
  /** When the server sent it (ISO), so a viewer (or a benchmark) can tell how fresh it is. */
  at: string;
}

export const captionSyncSchema = z.object({ afterSeq: z.number().int().nonnegative() }).strict();
/** The console's id for a line it writes (C14): chosen by the page, unique per line. */
export const lineIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{6,40}$/, 'A line id is 6 to 40 letters, digits, - or _.');
export const captionUpdateSchema = z
  .object({
    line: lineIdSchema.optional(),
    text: z.string().max(CAPTION_LINE_MAX_CHARS, `A line is at most ${CAPTION_LINE_MAX_CHARS} characters.`),
    lang: langSchema.default(DEFAULT_CAPTION_LANG),
    // The label becomes part of a transcript line: one line, no control characters (TEXT.md).
    speaker: singleLineText('Speaker', 80, { required: true }).optional(),
  })
  .strict();
export const captionCommitSchema = z
  .object({ lang: langSchema.default(DEFAULT_CAPTION_LANG), line: lineIdSchema.optional() })
  .strict();
/** How many recent lines a late joiner receives, and the most one sync answers with. */
export const CAPTION_SYNC_MAX_LINES = 200;
