import escapeHtml from 'escape-html';
import { DateTime, Duration } from 'luxon';
import { oneLine, stripForbidden } from '../../shared/text.js';

// How the record writes times and text, in Markdown and in HTML (record.ts, recordComments.ts).

/** A time of day in the session's zone. */
export const clock = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toFormat('HH:mm:ss');

/** A date and time in full, in the session's zone. */
export const when = (iso: string, zone: string) =>
  DateTime.fromISO(iso, { zone }).toLocaleString(DateTime.DATETIME_FULL, { locale: 'en-US' });

export const duration = (seconds: number | null) =>
  seconds === null ? 'not ended' : Duration.fromObject({ seconds }).toFormat("m 'min' ss 's'");

// Markdown: every character that could start markup is escaped (& too, so an entity cannot
// smuggle a character back in), and each field is one line without control, direction or invisible
// characters (TEXT.md T8), so a stored line break cannot start a heading, a list or a quote.
export const md = (s: string) => oneLine(s).replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&');

/** HTML text: escaped, and without a control, direction or invisible character from an older row (T8). */
export const esc = (s: string) => escapeHtml(stripForbidden(s));

/** A text's paragraphs (its lines with text), each on one clean line. */
export const paragraphs = (s: string) =>
  s
    .split(/\n+/)
    .map((p) => oneLine(p))
    .filter((p) => p !== '');
