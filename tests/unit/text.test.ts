import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captionUpdateSchema } from '../../shared/captions.js';
import { raiseHandSchema } from '../../shared/queue.js';
import { COMMAND_SCHEMAS } from '../../shared/commands.js';
import {
  createInviteSchema,
  createSessionSchema,
  nameSchema,
  updateSessionSchema,
} from '../../shared/schemas.js';
import { registrationSchema } from '../../shared/sessions.js';
import { multiLineText, oneLine, singleLineText, stripForbidden } from '../../shared/text.js';

const name = singleLineText('Name', 80, { required: true });
const remark = multiLineText('Remark', 2000);
const issues = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? 'ok' : r.error!.issues.map((i) => i.message).join(' ');

const FLAG_SCOTLAND = '\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}';

describe('single-line text (TEXT.md)', () => {
  it.each([
    ['T1 trims', '  Ana Ruiz  ', 'ok'],
    ['T1 requires', '   ', 'Name is required.'],
    ['T1 limits', 'a'.repeat(81), 'Name must be at most 80 characters.'],
    ['T2 line feed', 'Ana\nRuiz', 'Name must be a single line.'],
    ['T2 carriage return', 'Ana\rRuiz', 'Name must be a single line.'],
    ['T2 line separator', 'Ana\u2028Ruiz', 'Name must be a single line.'],
    ['T2 next line (NEL)', 'Ana\u0085Ruiz', 'Name must be a single line.'],
    ['T3 escape', 'Ana\u001b[31m', 'Name must not contain control characters.'],
    ['T3 tab', 'Ana\tRuiz', 'Name must not contain control characters.'],
    ['T3 C1 control', 'Ana\u009b', 'Name must not contain control characters.'],
    ['T4 right-to-left override', 'Ana\u202eziuR', 'Name must not contain invisible direction characters.'],
    ['T4 isolate', '\u2067Ana\u2069', 'Name must not contain invisible direction characters.'],
    ['T4 mark', 'Ana\u200f', 'Name must not contain invisible direction characters.'],
    ['T5 zero-width space', 'A\u200bna', 'Name must not contain invisible characters.'],
    ['T5 word joiner', 'A\u2060na', 'Name must not contain invisible characters.'],
    ['T5 byte order mark inside', 'A\ufeffna', 'Name must not contain invisible characters.'],
    ['T5 soft hyphen', 'A\u00adna', 'Name must not contain invisible characters.'],
    ['T5 Hangul filler (a blank-looking name)', '\u3164', 'Name must not contain invisible characters.'],
    [
      'T5 tag characters outside a flag',
      'Ana\u{e0041}\u{e0042}',
      'Name must not contain invisible characters.',
    ],
    ['T5 ZWNJ in a Persian name', 'می\u200cخواهم', 'ok'],
    ['T5 ZWJ in an emoji sequence', 'Ana \u{1f469}\u200d\u{1f527}', 'ok'],
    ['T5 ZWJ in Malayalam', 'ന്\u200d', 'ok'],
    ['T5 emoji variation selector', 'Ana \u2764\ufe0f', 'ok'],
    ['T5 ideographic variation selector', '葛\u{e0100}西', 'ok'],
    ['T5 a subdivision flag', `Ana ${FLAG_SCOTLAND}`, 'ok'],
    ['T6 lone surrogate', 'Ana\ud800', 'Name must not contain broken characters.'],
    ['accents, Arabic, Devanagari, CJK', 'Zoë عائشة देवनागरी 山田', 'ok'],
  ])('%s', (_rule, input, expected) => {
    expect(issues(name.safeParse(input))).toBe(expected);
  });
});

describe('multi-line text (TEXT.md)', () => {
  it.each([
    ['T2 keeps line feeds', 'One.\n\nTwo.', 'ok'],
    ['T2 CR LF becomes LF', 'One.\r\nTwo.\rThree.', 'ok'],
    ['T2 refuses other line breaks', 'One.\u2029Two.', 'Remark must not contain control characters.'],
    ['T3 keeps tabs', 'a\tb', 'ok'],
    ['T3 refuses escape', 'a\u001b]0;x\u0007', 'Remark must not contain control characters.'],
    ['T4 refuses overrides', 'a\u202db', 'Remark must not contain invisible direction characters.'],
    ['T5 refuses zero-width space', 'a\u200bb', 'Remark must not contain invisible characters.'],
  ])('%s', (_rule, input, expected) => {
    expect(issues(remark.safeParse(input))).toBe(expected);
  });

  it('T2 stores CR LF and CR as LF', () => {
    expect(remark.parse(' One.\r\nTwo.\rThree. ')).toBe('One.\nTwo.\nThree.');
  });
});

// Every schema that takes human text, with the message a bad value gets.
const REG = { name: 'Ana', email: 'ana@example.org', affiliation: 'worker' };
const SESSION = { title: 'T', startsAt: '2026-12-01T10:00:00Z', endsAt: '2026-12-01T11:00:00Z' };
const FIELDS: [string, (v: string) => { success: boolean }, boolean][] = [
  ['registration name', (v) => registrationSchema.safeParse({ ...REG, name: v }), false],
  ['registration organization', (v) => registrationSchema.safeParse({ ...REG, organization: v }), false],
  ['registration topic', (v) => registrationSchema.safeParse({ ...REG, topic: v }), false],
  [
    'registration other needs',
    (v) => registrationSchema.safeParse({ ...REG, accommodations: { other: v } }),
    false,
  ],
  ['session title', (v) => createSessionSchema.safeParse({ ...SESSION, title: v }), false],
  ['session focus', (v) => createSessionSchema.safeParse({ ...SESSION, focus: v }), false],
  ['session description', (v) => createSessionSchema.safeParse({ ...SESSION, description: v }), true],
  ['session edit title', (v) => updateSessionSchema.safeParse({ title: v }), false],
  ['offered other', (v) => createSessionSchema.safeParse({ ...SESSION, offered: { other: v } }), false],
  ['invite name', (v) => createInviteSchema.safeParse({ role: 'moderator', name: v }), false],
  ['room:join name', (v) => COMMAND_SCHEMAS['room:join'].safeParse({ name: v }), false],
  ['raise-hand topic', (v) => raiseHandSchema.safeParse({ topic: v }), false],
  ['raise-hand remark', (v) => raiseHandSchema.safeParse({ kind: 'remark', remark: v }), true],
  ['caption speaker', (v) => captionUpdateSchema.safeParse({ text: 'x', speaker: v }), false],
];

describe('every schema of human text uses the rules', () => {
  it.each(FIELDS)('%s: T2 to T5', (_field, parse, multiLine) => {
    expect(parse('Ana Ruiz').success).toBe(true);
    expect(parse('Ana\nRuiz').success).toBe(multiLine);
    for (const bad of ['Ana\u001bRuiz', 'Ana\u202eRuiz', 'Ana\u2066Ruiz', 'Ana\u200bRuiz', 'Ana\ufeffRuiz']) {
      expect(parse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('keeps nameSchema the single-line name rule', () => {
    expect(issues(nameSchema.safeParse('A\u202eB'))).toBe(
      'Name must not contain invisible direction characters.',
    );
  });
});

// An oracle written apart from text.ts: the code points T2-T6 forbid, as plain ranges.
const FORBIDDEN: [number, number][] = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
  [0x00ad, 0x00ad],
  [0x061c, 0x061c],
  [0x200b, 0x200b],
  [0x200e, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xd800, 0xdfff],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffb],
  [0xe0001, 0xe0001],
];
const isForbidden = (cp: number, multiLine: boolean) =>
  !(multiLine && (cp === 0x0a || cp === 0x09)) && FORBIDDEN.some(([lo, hi]) => cp >= lo && cp <= hi);
const codePoints = (s: string) => [...s].map((c) => c.codePointAt(0)!);

// Characters drawn from every range above and from text people write, so that both kinds turn up.
const anyChar = fc.oneof(
  fc.constantFrom(
    ...FORBIDDEN.flatMap(([lo, hi]) => [lo, hi]).map((cp) => String.fromCodePoint(cp)),
    '\u200c',
    '\u200d',
    '\ufe0f',
    '\u{e0067}',
    '\u{e007f}',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
// Letters, digits, punctuation and spaces of several scripts, emoji and the joiners they need.
const allowedChar = fc.oneof(
  fc.constantFrom(' ', '-', "'", '.', ',', '\u00a0', '\u200c', '\u200d', '\ufe0f', FLAG_SCOTLAND),
  fc.integer({ min: 0x21, max: 0x7e }).map((cp) => String.fromCodePoint(cp)),
  fc.integer({ min: 0xc0, max: 0x24f }).map((cp) => String.fromCodePoint(cp)),
  fc.integer({ min: 0x621, max: 0x64a }).map((cp) => String.fromCodePoint(cp)),
  fc.integer({ min: 0x905, max: 0x939 }).map((cp) => String.fromCodePoint(cp)),
  fc.integer({ min: 0x4e00, max: 0x9fff }).map((cp) => String.fromCodePoint(cp)),
  fc.integer({ min: 0x1f600, max: 0x1f64f }).map((cp) => String.fromCodePoint(cp)),
);

describe('properties', () => {
  it.each([
    ['single-line', name, false],
    ['multi-line', remark, true],
  ] as const)('T2-T6 %s: what the schema accepts holds no forbidden code point', (_kind, schema, multi) => {
    fc.assert(
      fc.property(fc.string({ unit: anyChar, maxLength: 20 }), (s) => {
        const parsed = schema.safeParse(s);
        if (parsed.success)
          expect(codePoints(parsed.data).filter((cp) => isForbidden(cp, multi))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('T1-T6: every trimmed, non-empty string of allowed characters is accepted as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: allowedChar, minLength: 1, maxLength: 10 }), (s) => {
        fc.pre(s.trim().length > 0);
        expect(name.safeParse(s)).toEqual({ success: true, data: s.trim() });
        expect(remark.safeParse(s)).toEqual({ success: true, data: s.trim() });
      }),
      { numRuns: 2000 },
    );
  });

  it('T7/T8: stripForbidden and oneLine leave nothing forbidden, whatever they get', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyChar, maxLength: 30 }), (s) => {
        const stripped = codePoints(stripForbidden(s)).filter((cp) => cp !== 0x0d);
        expect(stripped.filter((cp) => isForbidden(cp, true))).toEqual([]);
        expect(codePoints(oneLine(s)).filter((cp) => isForbidden(cp, false))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});
