import { DateTime } from 'luxon';
import { z } from 'zod';
import { idSchema, nameSchema } from './ids.js';
import { INVITE_ROLES } from './roles.js';

export { idSchema, nameSchema };

/** An IANA time zone such as America/New_York. */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => DateTime.local().setZone(zone).isValid, 'Unknown IANA time zone.');

const isoDateTime = z.iso.datetime({ offset: true, message: 'Must be an ISO 8601 date-time with offset.' });

/** Body of POST /api/sessions. */
export const createSessionSchema = z
  .object({
    title: z.string().trim().min(1, 'Title is required.').max(200, 'Title must be at most 200 characters.'),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    timeZone: timeZoneSchema.default('America/New_York'),
  })
  .strict()
  // Only compared once both are valid date-times, so a bad start is reported once, as itself.
  .refine((s) => !(Date.parse(s.endsAt) <= Date.parse(s.startsAt)), {
    message: 'The end must come after the start.',
    path: ['endsAt'],
  });
export type CreateSessionInput = z.infer<typeof createSessionSchema>;

/** Body of POST /api/sessions/:id/invites. */
export const createInviteSchema = z.object({ role: z.enum(INVITE_ROLES), name: nameSchema }).strict();
export type CreateInviteInput = z.infer<typeof createInviteSchema>;

/** Payload of `room:join`. */
export const joinRoomSchema = z.object({ name: nameSchema.optional() }).strict();

/** Payload of `interpreter:set-active`. */
export const setActiveInterpreterSchema = z.object({ participantId: idSchema }).strict();

/** Payload of `interpreter:take-over`. */
export const takeOverSchema = z.object({}).strict();
