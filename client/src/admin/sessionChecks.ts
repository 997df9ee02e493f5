import { createSessionSchema } from '../../../shared/schemas.js';
import type { FieldErrors } from '../public/Field';
import { toSessionBody, type SessionFormValues } from './sessionValues';

// What the organizer typed, checked before it is sent, with messages that say what to type. The
// server checks again with the same schema; its issues come back by field too.

/** A date and time as the browser's date-time field shows it, e.g. "12/03/2026, 02:00 PM" in en-US. */
export function dateTimeExample(): string {
  return new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(2026, 11, 3, 14, 0));
}

const DATE_WORD = { starts: 'start', ends: 'end' } as const;
export const dateMessage = (field: 'starts' | 'ends') =>
  `Enter the ${DATE_WORD[field]} as a date and time, like ${dateTimeExample()}.`;

const NUMBER_MESSAGES = {
  capacity: 'Enter the capacity as a whole number, like 40, or leave it empty for no limit.',
  speakingMinutes: 'Enter the speaking limit in minutes, like 3.',
} as const;

/** The form's fields in the order they are shown: the error summary lists problems in this order. */
export const FIELD_ORDER: (keyof SessionFormValues)[] = [
  'title',
  'description',
  'focus',
  'timeZone',
  'starts',
  'ends',
  'capacity',
  'speakingMinutes',
  'captionLanguages',
  'other',
];

const SCHEMA_FIELD: Record<string, keyof SessionFormValues> = {
  startsAt: 'starts',
  endsAt: 'ends',
  speakingLimitSeconds: 'speakingMinutes',
};

/** The form field a schema path (the server's or ours) belongs to. */
export function fieldOf(path: string): string {
  const last = path.split('.').at(-1) ?? path;
  return SCHEMA_FIELD[last] ?? (path.startsWith('offered.captionLanguages') ? 'captionLanguages' : last);
}

/** Problems by field, in the form's order; a date or number that cannot be read says what to type. */
export function orderedProblems(issues: { path: string; message: string }[], v: SessionFormValues) {
  const found: FieldErrors = {};
  for (const issue of issues) found[fieldOf(issue.path)] ??= issue.message;
  for (const key of ['starts', 'ends'] as const) if (found[key] && !v[key]) found[key] = dateMessage(key);
  for (const key of ['capacity', 'speakingMinutes'] as const) {
    if (found[key] && Number.isNaN(Number(v[key]))) found[key] = NUMBER_MESSAGES[key];
  }
  const rank = (key: string) => {
    const at = FIELD_ORDER.indexOf(key as keyof SessionFormValues);
    return at === -1 ? FIELD_ORDER.length : at;
  };
  return Object.fromEntries(Object.entries(found).sort(([a], [b]) => rank(a) - rank(b))) as FieldErrors;
}

/** The problems of the form as the server would see them, before anything is sent. */
export function sessionProblems(v: SessionFormValues): FieldErrors {
  const parsed = createSessionSchema.safeParse(toSessionBody(v));
  if (parsed.success) return {};
  return orderedProblems(
    parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    v,
  );
}
