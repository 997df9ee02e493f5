import { z } from 'zod';
import type { Affiliation } from './affiliations.js';
import { DEFAULT_CAPTION_LANG, langSchema } from './captions.js';
import type { RequestedAccommodations } from './registrationSchemas.js';
import { singleLineText } from './text.js';

// Kept free of luxon (like ids.ts). What the public pages check in the browser is in
// registrationSchemas.ts, free of classic Zod as well.

/** scheduled -> lobby -> live -> ended; cancelled from anything not ended. */
export const SESSION_STATUSES = ['scheduled', 'lobby', 'live', 'ended', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Each status in the words the organizer's pages use: the one mapping for them. */
export const SESSION_STATUS_LABEL: Record<SessionStatus, string> = {
  scheduled: 'Scheduled',
  lobby: 'Open: people are waiting in the lobby',
  live: 'Live',
  ended: 'Ended',
  cancelled: 'Cancelled',
};

/** Body of POST /api/sessions/:id/host ("Start as host"): nothing to choose, so nothing but `{}`. */
export const startAsHostSchema = z.object({}).strict();

/** What "Start as host" answers: the organizer's own moderator link, made once and then reused. */
export interface HostLink {
  inviteId: string;
  /** Where the browser goes: `/join/TOKEN`. */
  joinPath: string;
  url: string;
  expiresAt: string;
  /** False when an earlier press made the link and this one reused it. */
  created: boolean;
}

export { AFFILIATIONS, type Affiliation } from './affiliations.js';

/** pending: waits for the registrant to confirm their email (only when the session asks for it). */
export const REGISTRATION_STATUSES = ['pending', 'registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Each registration status in the words the organizer's pages use. */
export const REGISTRATION_STATUS_LABEL: Record<RegistrationStatus, string> = {
  pending: 'Waiting for email confirmation',
  registered: 'Registered',
  waitlisted: 'On the waitlist',
  cancelled: 'Cancelled',
};

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

// The registration forms' schemas are built with Zod's mini build, for the pages that load them.
export {
  registrationChangeSchema,
  registrationSchema,
  requestedSchema,
  type RegistrationChange,
  type RegistrationInput,
  type RequestedAccommodations,
} from './registrationSchemas.js';

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
  /** Whether a registration waits for its email to be confirmed before it takes a place. */
  requireEmailConfirmation: boolean;
}

/**
 * What registering answers, the same for a new registration and a repeat of a known email: the
 * links go only by email, so the answer reveals nothing about who has registered.
 */
export interface RegistrationReceipt {
  message: string;
}

/** What the private manage link shows its holder. */
export interface ManagedRegistration {
  status: RegistrationStatus;
  name: string;
  organization: string;
  affiliation: Affiliation;
  wishToSpeak: boolean;
  topic: string;
  /** "I will sign (ASL)" (issue 15). */
  signs: boolean;
  accommodations: RequestedAccommodations;
  /** The personal join link, once registered. */
  joinUrl: string | null;
  calendarUrl: string;
  session: PublicSession;
}
