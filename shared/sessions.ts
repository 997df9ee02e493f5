import { z } from 'zod';
import { DEFAULT_CAPTION_LANG, langSchema } from './captions.js';
import { nameSchema } from './ids.js';
import { singleLineText } from './text.js';

// Kept free of luxon (like ids.ts), so the public pages can validate a registration in the browser.

/** scheduled -> lobby -> live -> ended; cancelled from anything not ended. */
export const SESSION_STATUSES = ['scheduled', 'lobby', 'live', 'ended', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const AFFILIATIONS = {
  worker: 'Worker',
  union: 'Union',
  employer: 'Employer',
  'ai-developer': 'AI developer',
  researcher: 'Researcher',
  advocate: 'Advocate',
  government: 'Government',
  other: 'Other',
} as const;
export type Affiliation = keyof typeof AFFILIATIONS;

export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/**
 * A short free-text field (organization, topic, accommodation notes): single-line text as TEXT.md
 * defines it, optional. Descriptions use `multiLineText` from text.ts.
 */
export const textField = (label: string, max: number) => singleLineText(label, max);

/** What a session offers: ASL, CART, caption languages, and anything else in words. */
export const offeredSchema = z
  .object({
    asl: z.boolean().default(true),
    cart: z.boolean().default(true),
    captionLanguages: z.array(langSchema).min(1).max(10).default([DEFAULT_CAPTION_LANG]),
    other: textField('Other accommodations', 500).default(''),
  })
  .strict();
export type OfferedAccommodations = z.infer<typeof offeredSchema>;

/** What a registrant asks for. */
export const requestedSchema = z
  .object({
    asl: z.boolean().default(false),
    cart: z.boolean().default(false),
    captionLanguage: langSchema.optional(),
    other: textField('Other needs', 500).default(''),
  })
  .strict();
export type RequestedAccommodations = z.infer<typeof requestedSchema>;

/** Body of POST /api/public/sessions/:id/registrations. */
export const registrationSchema = z
  .object({
    name: nameSchema,
    email: z
      .string()
      .trim()
      .max(254, 'Email must be at most 254 characters.')
      .pipe(z.email('Enter an email address such as name@example.org.'))
      .transform((e) => e.toLowerCase()),
    organization: textField('Organization', 200).default(''),
    affiliation: z.enum(Object.keys(AFFILIATIONS) as [Affiliation, ...Affiliation[]], {
      message: 'Choose an affiliation.',
    }),
    wishToSpeak: z.boolean().default(false),
    topic: textField('Topic', 200).default(''),
    accommodations: requestedSchema.default({ asl: false, cart: false, other: '' }),
  })
  .strict();
export type RegistrationInput = z.infer<typeof registrationSchema>;

/** A session as the public listing shows it. */
export interface PublicSession {
  id: string;
  title: string;
  description: string;
  focus: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  status: SessionStatus;
  offered: OfferedAccommodations;
  publicComments: boolean;
  /** Places for the public, null for no limit. */
  capacity: number | null;
  speakingLimitSeconds: number;
  /** open: places left; waitlist: full, registrations go on the waitlist; closed: no more. */
  registration: 'open' | 'waitlist' | 'closed';
}

/** What registering answers: the join link (once confirmed) and where to get the calendar file. */
export interface RegistrationResult {
  id: string;
  status: RegistrationStatus;
  /** Whether this registration replaced an earlier one with the same email. */
  updated: boolean;
  joinUrl: string | null;
  calendarUrl: string;
}
