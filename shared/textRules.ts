import { maxLength, minLength, overwrite, refine, trim, type core } from 'zod/mini';

// The one definition of what human text may contain (rules T1-T8 in TEXT.md). Kept free of luxon,
// of classic Zod and of anything else heavy: the registration forms load it (through
// registrationSchemas.ts) to check their fields before sending them. text.ts builds the classic Zod
// schemas the rest of the contract uses from the same checks.

/** Why a text is refused, in the order the check reports them. */
export type TextProblem = 'line-break' | 'control' | 'direction' | 'invisible' | 'broken';

/** Single-line text refuses line breaks; multi-line text keeps line feeds and tabs. */
export type TextKind = 'single-line' | 'multi-line';

const PROBLEM_MESSAGES: Record<TextProblem, string> = {
  'line-break': 'must be a single line.',
  control: 'must not contain control characters.',
  direction: 'must not contain invisible direction characters.',
  invisible: 'must not contain invisible characters.',
  broken: 'must not contain broken characters.',
};

// T2: every character that starts a new line somewhere: LF, VT, FF, CR, NEL, LS, PS.
const LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/u;
const LINE_BREAK_RUN = /[\n\v\f\r\u0085\u2028\u2029]+/gu;
// T3: C0, DEL and C1.
const CONTROL = /\p{Cc}/u;
// T4: bidi embeddings, overrides and isolates, and the three marks (ALM, LRM, RLM).
const DIRECTION = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
// T5: what some script or emoji needs although it is invisible: ZWNJ, ZWJ, Mongolian variation
// selectors and vowel separator, the variation selectors (emoji and ideographic).
const NEEDED_FORMAT: readonly (readonly [number, number])[] = [
  [0x180b, 0x180f],
  [0x200c, 0x200d],
  [0xfe00, 0xfe0f],
  [0xe0100, 0xe01ef],
];
const isNeededFormat = (cp: number) => NEEDED_FORMAT.some(([lo, hi]) => cp >= lo && cp <= hi);
// T5: format characters and every other code point Unicode says to render as nothing
// (soft hyphen, zero-width space, word joiner, BOM, Hangul fillers, tags, ...).
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
// T6: a UTF-16 surrogate left alone, which cannot be encoded as UTF-8.
const LONE_SURROGATE = /\p{Cs}/u;
// T5: the tag characters of a subdivision flag such as Scotland's: black flag, tags, cancel tag.
const EMOJI_TAG_SEQUENCE = /\u{1f3f4}[\u{e0020}-\u{e007e}]{1,32}\u{e007f}/gu;

/** What is wrong with one code point of single-line (or multi-line) text; null if nothing. */
function problemOf(ch: string, multiLine: boolean): TextProblem | null {
  if (multiLine && (ch === '\n' || ch === '\t')) return null;
  if (LINE_BREAK.test(ch)) return multiLine ? 'control' : 'line-break';
  if (CONTROL.test(ch)) return 'control';
  if (LONE_SURROGATE.test(ch)) return 'broken';
  if (DIRECTION.test(ch)) return 'direction';
  if (isNeededFormat(ch.codePointAt(0)!)) return null;
  if (INVISIBLE.test(ch)) return 'invisible';
  return null;
}

/** The first problem of a text, or null if it may be stored and shown as it is. */
export function findTextProblem(text: string, kind: TextKind): TextProblem | null {
  for (const ch of text.replace(EMOJI_TAG_SEQUENCE, '\u{1f3f4}')) {
    const problem = problemOf(ch, kind === 'multi-line');
    if (problem) return problem;
  }
  return null;
}

/**
 * T7/T8: text received or stored that must not be refused (captions, old rows) keeps only what
 * T2-T6 allow. Line breaks (LF, CR) and tabs are kept for the caller to split or collapse;
 * everything else that T2-T6 refuse is removed.
 */
export function stripForbidden(text: string): string {
  const strip = (part: string) => {
    let out = '';
    for (const ch of part) if (ch === '\r' || problemOf(ch, true) === null) out += ch;
    return out;
  };
  // A flag's tag sequence is kept whole; only the text around it is filtered.
  let out = '';
  let last = 0;
  for (const flag of text.matchAll(EMOJI_TAG_SEQUENCE)) {
    out += strip(text.slice(last, flag.index)) + flag[0];
    last = flag.index + flag[0].length;
  }
  return out + strip(text.slice(last));
}

/** T8: any stored text as one clean line, for formats where a line break would start a record. */
export function oneLine(text: string): string {
  return stripForbidden(text.replace(LINE_BREAK_RUN, ' ')).replace(/\s+/g, ' ').trim();
}

/**
 * T1-T6 as the checks of a string schema of either Zod build (`z.string().check(...)`): trimmed,
 * CR LF and CR made LF in multi-line text, required or not, at most `max` characters, then the
 * first problem `findTextProblem` finds, named with `label`.
 */
export function textChecks(
  label: string,
  max: number,
  kind: TextKind,
  required: boolean,
): core.$ZodCheck<string>[] {
  return [
    trim(),
    ...(kind === 'multi-line' ? [overwrite((s: string) => s.replace(/\r\n?/g, '\n'))] : []),
    ...(required ? [minLength(1, `${label} is required.`)] : []),
    maxLength(max, `${label} must be at most ${max} characters.`),
    refine((s: string) => findTextProblem(s, kind) === null, {
      error: (issue) => `${label} ${PROBLEM_MESSAGES[findTextProblem(issue.input as string, kind)!]}`,
    }),
  ];
}

/**
 * A person's display name: single-line text, 1 to 80 characters. The one definition behind ids.ts's
 * `nameSchema` (classic Zod) and the registration forms' name (zod/mini).
 */
export const nameChecks = () => textChecks('Name', 80, 'single-line', true);
