import { z } from 'zod';
import {
  CHARS_PER_WORD_MAX,
  COMMENT_STATUSES,
  countWords,
  MODERATION_ACTIONS,
  REJECTION_REASONS,
  TRANSCRIPT_MAX_CHARS,
} from './commentBasics.js';
import { multiLineText, singleLineText } from './text.js';

// The comment contract (issue 16): the schemas that validate every comment input, and, from
// commentBasics.ts, the kinds, statuses, reasons, limits and the shapes the API answers with.
// Rules W1-W14 are in server/comments/SPEC.md.

export * from './commentBasics.js';

const isoDateTime = z.iso.datetime({ offset: true, message: 'Must be an ISO 8601 date-time with offset.' });

/** Body of PUT /api/sessions/:id/comment-settings: the whole settings, defaults for what is left out. */
export const commentSettingsSchema = z
  .object({
    opensAt: isoDateTime.nullable().default(null),
    closesAt: isoDateTime.nullable().default(null),
    wordLimit: z
      .number()
      .int('The word limit must be a whole number.')
      .min(50, 'The word limit must be at least 50 words.')
      .max(10_000, 'The word limit must be at most 10,000 words.')
      .default(500),
    anonymousAllowed: z.boolean().default(false),
    videoMaxSeconds: z
      .number()
      .int('The video length limit must be a whole number of seconds.')
      .min(10, 'The video length limit must be at least 10 seconds.')
      .max(900, 'The video length limit must be at most 15 minutes.')
      .default(180),
    topics: z
      .array(singleLineText('Topic', 200, { required: true }))
      .max(20, 'At most 20 topics.')
      .refine((t) => new Set(t).size === t.length, 'Each topic must be listed once.')
      .default([]),
  })
  .strict()
  .refine((s) => (s.opensAt === null) === (s.closesAt === null), {
    message: 'Set both the opening and the closing of the comment period, or neither.',
    path: ['closesAt'],
  })
  .refine((s) => !s.opensAt || !s.closesAt || Date.parse(s.opensAt) < Date.parse(s.closesAt), {
    message: 'The comment period must close after it opens.',
    path: ['closesAt'],
  });
export type CommentSettingsInput = z.input<typeof commentSettingsSchema>;

/** What a session's settings make of a comment's fields: its limits and its topics. */
export interface CommentRules {
  wordLimit: number;
  anonymousAllowed: boolean;
  videoMaxSeconds: number;
  /** The topics to choose from; empty: the comment has no topic. */
  topics: string[];
}

const emailSchema = z
  .string()
  .trim()
  .max(254, 'Email must be at most 254 characters.')
  .pipe(z.email('Enter an email address such as name@example.org.'))
  .transform((e) => e.toLowerCase());

/** A form's checkbox or a multipart field: "true", "false", "on", "1", ... */
const flag = (label: string) => z.stringbool({ error: `${label} must be true or false.` }).default(false);

/** A text held to the session's word limit (W4), and to a number of characters that limit allows. */
const wordLimited = (label: string, rules: CommentRules, required: boolean) =>
  multiLineText(label, rules.wordLimit * CHARS_PER_WORD_MAX, { required }).refine(
    (text) => countWords(text) <= rules.wordLimit,
    `${label} must be at most ${rules.wordLimit} words.`,
  );

/** Who comments, on what: the fields every comment has (W2, W3). */
function identityFields(rules: CommentRules) {
  return {
    name: singleLineText('Name', 80).default(''),
    anonymous: flag('Anonymous'),
    email: emailSchema,
    organization: singleLineText('Organization', 200).default(''),
    topic: z
      .string()
      .max(200)
      .default('')
      .refine(
        (t) => (rules.topics.length ? rules.topics.includes(t) : t === ''),
        rules.topics.length
          ? 'Choose one of the topics of this session.'
          : 'This session has no topics to choose from.',
      ),
  };
}

/** W3: a name unless anonymous, and anonymous only where the organizer allows it. */
function checkIdentity(rules: CommentRules) {
  return (c: { name: string; anonymous: boolean }, ctx: z.RefinementCtx) => {
    if (c.anonymous && !rules.anonymousAllowed) {
      ctx.addIssue({
        code: 'custom',
        path: ['anonymous'],
        message: 'This session does not take anonymous comments: give your name.',
      });
    }
    if (!c.anonymous && c.name === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: rules.anonymousAllowed
          ? 'Name is required unless you comment anonymously.'
          : 'Name is required.',
      });
    }
  };
}

/** The fields of POST /api/public/sessions/:id/comments/written (multipart, beside the attachments). */
export function writtenCommentSchema(rules: CommentRules) {
  return z
    .object({ ...identityFields(rules), text: wordLimited('Comment', rules, true) })
    .strict()
    .superRefine(checkIdentity(rules));
}
export type WrittenCommentInput = z.infer<ReturnType<typeof writtenCommentSchema>>;

/** The fields of POST /api/public/sessions/:id/comments/video (multipart, beside the video). */
export function videoCommentSchema(rules: CommentRules) {
  return z
    .object({
      ...identityFields(rules),
      summary: wordLimited('Summary', rules, false).default(''),
      transcript: multiLineText('Transcript', TRANSCRIPT_MAX_CHARS).default(''),
      signed: flag('Signed'),
      // No length: the server reads it from the video itself (W15).
    })
    .strict()
    .superRefine(checkIdentity(rules));
}
export type VideoCommentInput = z.infer<ReturnType<typeof videoCommentSchema>>;

/** Body of POST /api/sessions/:id/comments/:commentId/decision (W7). */
export const moderationDecisionSchema = z
  .object({
    action: z.enum(MODERATION_ACTIONS, { error: 'action must be publish, reject or read.' }),
    reason: z
      .enum(REJECTION_REASONS, {
        error: `reason must be one of: ${REJECTION_REASONS.join(', ')}.`,
      })
      .optional(),
  })
  .strict()
  .refine((d) => (d.action === 'reject') === (d.reason !== undefined), {
    message: 'A rejection needs a reason, and only a rejection has one.',
    path: ['reason'],
  });
export type ModerationDecision = z.infer<typeof moderationDecisionSchema>;

/** The query of GET /api/sessions/:id/comments: which comments, and a moderator's link. */
export const moderationQuerySchema = z
  .object({
    status: z.enum([...COMMENT_STATUSES, 'all']).default('pending'),
    token: z.string().max(2048).optional(),
  })
  .strict();

/** The query of a comment file: a moderator's link for a comment not yet public. */
export const commentFileQuerySchema = z.object({ token: z.string().max(2048).optional() }).strict();

/** The query of GET /api/public/sessions/:id/record/comments: the export's format. */
export const commentExportQuerySchema = z
  .object({ format: z.enum(['csv', 'json']).default('json') })
  .strict();
