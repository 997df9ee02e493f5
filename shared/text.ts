import { z } from 'zod';
import { textChecks, type TextKind } from './textRules.js';

// The schemas of human text (rules T1-T8 in TEXT.md) in classic Zod, for every schema that takes a
// person's text. The rules themselves, and their checks, are in textRules.ts, free of classic Zod,
// so that the registration forms can use them with zod/mini (registrationSchemas.ts).

export {
  findTextProblem,
  oneLine,
  stripForbidden,
  textChecks,
  type TextKind,
  type TextProblem,
} from './textRules.js';

const withRules = (label: string, max: number, kind: TextKind, required: boolean) =>
  z.string().check(...textChecks(label, max, kind, required));

/**
 * T1-T6: a name, title, topic, organization or speaker label: trimmed, at most `max` characters,
 * one line, no control, direction or invisible characters. `required` refuses the empty string.
 */
export const singleLineText = (label: string, max: number, opts: { required?: boolean } = {}) =>
  withRules(label, max, 'single-line', opts.required ?? false);

/** T1-T6: a description or written remark: as single-line text, but line feeds and tabs are allowed
 * (CR LF and CR become LF). */
export const multiLineText = (label: string, max: number, opts: { required?: boolean } = {}) =>
  withRules(label, max, 'multi-line', opts.required ?? false);
