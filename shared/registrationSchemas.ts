import { z } from 'zod/mini';
import { AFFILIATIONS, type Affiliation } from './affiliations.js';
import { LANG_TAG_PATTERN } from './captionBasics.js';
import { nameChecks, textChecks } from './textRules.js';

// The registration forms' schemas, built with Zod's mini build: the public registration and manage
// pages load this module when a person starts filling a form, and classic Zod would add a quarter
// to their script (issue 14). The server validates with these very objects (shared/sessions.ts
// re-exports them) and the OpenAPI document is generated from them, so the form and the API cannot
// disagree. Nothing here may import classic `zod`.

/** An optional short free-text field: single-line text (TEXT.md), the empty string when left out. */
const optionalText = (label: string, max: number) =>
  z._default(z.string().check(...textChecks(label, max, 'single-line', false)), '');

/** A person's display name: the checks of `nameSchema` in ids.ts. */
const nameSchema = z.string().check(...nameChecks());

/**
 * A BCP 47 language tag, as `langSchema` in captions.ts (classic Zod, which the caption schemas
 * chain on): en-US, es-MX, ase. tests/unit/registrationSchemas.test.ts holds the two to the same
 * answers.
 */
export const langTagSchema = z
  .string()
  .check(z.regex(LANG_TAG_PATTERN, 'lang must be a language tag such as en-US.'));

/** What a registrant asks for. */
export const requestedSchema = z.strictObject({
  asl: z._default(z.boolean(), false),
  cart: z._default(z.boolean(), false),
  captionLanguage: z.optional(langTagSchema),
  other: optionalText('Other needs', 500),
});
export type RequestedAccommodations = z.infer<typeof requestedSchema>;

const emailSchema = z.pipe(
  z.pipe(
    z.string().check(z.trim(), z.maxLength(254, 'Email must be at most 254 characters.')),
    z.email('Enter an email address such as name@example.org.'),
  ),
  z.transform((e: string) => e.toLowerCase()),
);

/** Body of POST /api/public/sessions/:id/registrations. */
export const registrationSchema = z.strictObject({
  name: nameSchema,
  email: emailSchema,
  organization: optionalText('Organization', 200),
  affiliation: z.enum(Object.keys(AFFILIATIONS) as [Affiliation, ...Affiliation[]], {
    message: 'Choose an affiliation.',
  }),
  wishToSpeak: z._default(z.boolean(), false),
  topic: optionalText('Topic', 200),
  accommodations: z._default(requestedSchema, { asl: false, cart: false, other: '' }),
});
export type RegistrationInput = z.infer<typeof registrationSchema>;

/** Body of PATCH /api/public/registrations/manage/:token: any field but the email. */
export const registrationChangeSchema = z
  .partial(z.omit(registrationSchema, { email: true }))
  .check(z.refine((c) => Object.keys(c).length > 0, 'Nothing to change.'));
export type RegistrationChange = z.infer<typeof registrationChangeSchema>;
