import { z } from 'zod';
import { CAPTION_LINE_MAX_CHARS, DEFAULT_CAPTION_LANG, LANG_TAG_PATTERN } from './captionBasics.js';
import { singleLineText } from './text.js';

export * from './captionBasics.js';

export const langSchema = z.string().regex(LANG_TAG_PATTERN, 'lang must be a language tag such as en-US.');

export const captionSyncSchema = z
  .object({
    afterSeq: z.number().int().nonnegative(),
    /** The last correction count the page knows (C19): it gets the lines it holds corrected since. */
    afterFix: z.number().int().nonnegative().optional(),
  })
  .strict();
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
/** C18: a committed line, by its seq, with its new text (one line, not empty) and perhaps speaker. */
export const captionCorrectSchema = z
  .object({
    seq: z.number().int().positive(),
    text: z
      .string()
      .max(CAPTION_LINE_MAX_CHARS, `A line is at most ${CAPTION_LINE_MAX_CHARS} characters.`)
      .refine((text) => text.trim() !== '', 'A corrected line cannot be empty.'),
    speaker: singleLineText('Speaker', 80, { required: true }).optional(),
  })
  .strict();
/** A27: "Take over" the pen of a caption track. */
export const captionTakePenSchema = z.object({ lang: langSchema.default(DEFAULT_CAPTION_LANG) }).strict();
export const captionCommitSchema = z
  .object({ lang: langSchema.default(DEFAULT_CAPTION_LANG), line: lineIdSchema.optional() })
  .strict();
