import { DateTime } from 'luxon';
import type { PublicSession } from '../../../shared/sessions.js';
import { browserTimeZone } from './timeZones';

// A type, not an interface: the shared Field component takes any record of fields.
export type SessionFormValues = {
  title: string;
  description: string;
  focus: string;
  starts: string;
  ends: string;
  timeZone: string;
  capacity: string;
  speakingMinutes: string;
  publicComments: boolean;
  requireEmailConfirmation: boolean;
  asl: boolean;
  cart: boolean;
  captionLanguages: string;
  other: string;
};

/** A new session's form: in the organizer's own time zone, with the server's defaults. */
export function blankSession(): SessionFormValues {
  return {
    title: '',
    description: '',
    focus: '',
    starts: '',
    ends: '',
    timeZone: browserTimeZone(),
    capacity: '',
    speakingMinutes: '3',
    publicComments: true,
    requireEmailConfirmation: false,
    asl: true,
    cart: true,
    captionLanguages: 'en-US',
    other: '',
  };
}

const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");

/** A stored session as the form shows it: its times in its own zone. */
export function formValues(s: PublicSession): SessionFormValues {
  return {
    title: s.title,
    description: s.description,
    focus: s.focus,
    starts: local(s.startsAt, s.timeZone),
    ends: local(s.endsAt, s.timeZone),
    timeZone: s.timeZone,
    capacity: s.capacity === null ? '' : String(s.capacity),
    speakingMinutes: String(s.speakingLimitSeconds / 60),
    publicComments: s.publicComments,
    requireEmailConfirmation: s.requireEmailConfirmation,
    asl: s.offered.asl,
    cart: s.offered.cart,
    captionLanguages: s.offered.captionLanguages.join(', '),
    other: s.offered.other,
  };
}

/** A datetime-local value read in the session's zone, as ISO 8601 with its offset. */
const inZone = (local: string, zone: string) =>
  local ? (DateTime.fromISO(local, { zone }).toISO() ?? local) : '';

/** The API body for the form's values (the server validates; its issues come back by field). */
export function toSessionBody(v: SessionFormValues) {
  return {
    title: v.title,
    description: v.description,
    focus: v.focus,
    startsAt: inZone(v.starts, v.timeZone),
    endsAt: inZone(v.ends, v.timeZone),
    timeZone: v.timeZone,
    capacity: v.capacity.trim() === '' ? null : Number(v.capacity),
    speakingLimitSeconds: Math.round(Number(v.speakingMinutes) * 60),
    publicComments: v.publicComments,
    requireEmailConfirmation: v.requireEmailConfirmation,
    offered: {
      asl: v.asl,
      cart: v.cart,
      captionLanguages: v.captionLanguages
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      other: v.other,
    },
  };
}
