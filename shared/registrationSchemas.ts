import { z } from 'zod/mini';
import { AFFILIATIONS, type Affiliation } from './affiliations.js';
import { LANG_TAG_PATTERN } from './captionBasics.js';
import { nameChecks, textChecks } from './textRules.js';

// The registration forms' schemas, built with Zod's mini build, so that a page can check a form
// without classic Zod, a quarter of a public page's script (issue 14). Today the forms leave the
// checking to the server, whose answer names each field's problem: the confirmation page stays
// under 90 kB gzipped. The server validates with these very objects (shared/sessions.ts re-exports
// them) and the OpenAPI document is generated from them. Nothing here may import classic `zod`.

/** A short free-text field: single-line text (TEXT.md), may be empty. */
const singleLineText = (label: string, max: number) =>
  z.string().check(...textChecks(label, max, 'single-line', false));

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
  other: z._default(singleLineText('Other needs', 500), ''),
});
export type RequestedAccommodations = z.infer<typeof requestedSchema>;

const emailSchema = z.pipe(
  z.pipe(
    z.string().check(z.trim(), z.maxLength(254, 'Email must be at most 254 characters.')),
    z.email('Enter an email address such as name@example.org.'),
  ),
  z.transform((e: string) => e.toLowerCase()),
);

// The fields without their defaults: a change (PATCH) must change only what it names. With the
// defaults inside the change, a PATCH naming only the topic put back the default organization,
// wish to speak and accommodations.
const registrantFields = {
  name: nameSchema,
  organization: singleLineText('Organization', 200),
  affiliation: z.enum(Object.keys(AFFILIATIONS) as [Affiliation, ...Affiliation[]], {
    message: 'Choose an affiliation.',
  }),
  wishToSpeak: z.boolean(),
  topic: singleLineText('Topic', 200),
  /** "I will sign (ASL)": given the floor, the active interpreter voices them (issue 15). */
  signs: z.boolean(),
  accommodations: requestedSchema,
};

/** Body of POST /api/public/sessions/:id/registrations. */
export const registrationSchema = z.strictObject({
  name: registrantFields.name,
  email: emailSchema,
  organization: z._default(registrantFields.organization, ''),
  affiliation: registrantFields.affiliation,
  wishToSpeak: z._default(registrantFields.wishToSpeak, false),
  topic: z._default(registrantFields.topic, ''),
  signs: z._default(registrantFields.signs, false),
  accommodations: z._default(registrantFields.accommodations, { asl: false, cart: false, other: '' }),
});
export type RegistrationInput = z.infer<typeof registrationSchema>;

/** Body of PATCH /api/public/registrations/manage/:token: any field but the email, only those named. */
export const registrationChangeSchema = z
  .partial(z.strictObject(registrantFields))
  .check(z.refine((c) => Object.keys(c).length > 0, 'Nothing to change.'));
export type RegistrationChange = z.infer<typeof registrationChangeSchema>;
