import { DateTime } from 'luxon';
import { z } from 'zod';
import { LANG_TAG_PATTERN } from './captionBasics.js';
import { idSchema, nameSchema } from './ids.js';
import { INVITE_ROLES } from './roles.js';
import { offeredSchema, textField } from './sessions.js';
import { multiLineText, singleLineText } from './text.js';

export { idSchema, nameSchema };

/** An IANA time zone such as America/New_York. */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => DateTime.local().setZone(zone).isValid, 'Unknown IANA time zone.');

const isoDateTime = z.iso.datetime({ offset: true, message: 'Must be an ISO 8601 date-time with offset.' });

// The fields without defaults: an edit (PATCH) must change only what it names.
const sessionFields = {
  title: singleLineText('Title', 200, { required: true }),
  description: multiLineText('Description', 5000),
  focus: textField('Focus', 500),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  timeZone: timeZoneSchema,
  /** Places for the public; null for no limit. Registrations beyond it go on the waitlist. */
  capacity: z
    .number()
    .int('Capacity must be a whole number.')
    .min(0, 'Capacity cannot be below zero.')
    .max(100_000, 'Capacity must be at most 100,000.')
    .nullable(),
  speakingLimitSeconds: z
    .number()
    .int()
    .min(30, 'The speaking limit must be at least 30 seconds.')
    .max(3600, 'The speaking limit must be at most an hour.'),
  /** Whether the public may raise hands and send written remarks. */
  publicComments: z.boolean(),
  offered: offeredSchema,
  /** Whether a registration waits for the registrant to follow a link sent to their email. */
  requireEmailConfirmation: z.boolean(),
};

const sessionDefaults = {
  description: sessionFields.description.default(''),
  focus: sessionFields.focus.default(''),
  timeZone: sessionFields.timeZone.default('America/New_York'),
  capacity: sessionFields.capacity.default(null),
  speakingLimitSeconds: sessionFields.speakingLimitSeconds.default(180),
  publicComments: sessionFields.publicComments.default(true),
  offered: sessionFields.offered.default({ asl: true, cart: true, captionLanguages: ['en-US'], other: '' }),
  requireEmailConfirmation: sessionFields.requireEmailConfirmation.default(false),
};

// Only compared once both are valid date-times, so a bad start is reported once, as itself.
const endAfterStart = {
  check: (s: { startsAt?: string; endsAt?: string }) =>
    !(s.startsAt && s.endsAt && Date.parse(s.endsAt) <= Date.parse(s.startsAt)),
  issue: { message: 'The end must come after the start.', path: ['endsAt'] },
};

/** Body of POST /api/sessions. */
export const createSessionSchema = z
  .object({ ...sessionFields, ...sessionDefaults })
  .strict()
  .refine(endAfterStart.check, endAfterStart.issue);
export type CreateSessionInput = z.infer<typeof createSessionSchema>;

/** Body of PATCH /api/sessions/:id: any of the fields; the end is checked against the stored start too. */
export const updateSessionSchema = z
  .object(sessionFields)
  .partial()
  .strict()
  .refine((s) => Object.keys(s).length > 0, 'Nothing to change.')
  .refine(endAfterStart.check, endAfterStart.issue);
export type UpdateSessionInput = z.infer<typeof updateSessionSchema>;

/** Body of POST /api/sessions/:id/invites. */
export const createInviteSchema = z
  .object({
    role: z.enum(INVITE_ROLES),
    name: nameSchema,
    /**
     * An interpreter of a spoken language (issue 15): the language they interpret the floor into,
     * e.g. "es". Their microphone is that language's channel (policy A42); they never sign on the
     * stage (A43).
     */
    language: z.string().regex(LANG_TAG_PATTERN, 'Enter a language tag such as es, fr or pt-BR.').optional(),
  })
  .strict()
  .refine((i) => i.language === undefined || i.role === 'interpreter', {
    message: 'Only an interpreter interprets into a language.',
    path: ['language'],
  });
export type CreateInviteInput = z.infer<typeof createInviteSchema>;
