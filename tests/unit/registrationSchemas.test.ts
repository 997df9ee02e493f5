// The registration forms' schemas (shared/registrationSchemas.ts, zod/mini): the objects the server
// validates with, the messages people read, and a module graph the browser loads without classic Zod.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { langSchema } from '../../shared/captions.js';
import { nameSchema } from '../../shared/ids.js';
import * as forms from '../../shared/registrationSchemas.js';
import * as sessions from '../../shared/sessions.js';
import { PROJECT_ROOT } from '../../server/paths.js';

const REG = { name: 'Ana Ruiz', email: 'ana@example.org', affiliation: 'worker' };
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? 'ok' : r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' ');

describe('registration schemas', () => {
  it('are the objects the server validates with (sessions.ts re-exports them, one definition)', () => {
    expect(sessions.registrationSchema).toBe(forms.registrationSchema);
    expect(sessions.registrationChangeSchema).toBe(forms.registrationChangeSchema);
    expect(sessions.requestedSchema).toBe(forms.requestedSchema);
  });

  it.each([
    ['a minimal registration', {}, 'ok'],
    ['no name', { name: '  ' }, 'name: Name is required.'],
    [
      'a name with an override',
      { name: 'Ana\u202eRuiz' },
      'name: Name must not contain invisible direction characters.',
    ],
    [
      'a long email',
      { email: `${'a'.repeat(250)}@example.org` },
      'email: Email must be at most 254 characters.',
    ],
    ['not an email', { email: 'ana at example' }, 'email: Enter an email address such as name@example.org.'],
    ['no affiliation', { affiliation: undefined }, 'affiliation: Choose an affiliation.'],
    ['an unknown affiliation', { affiliation: 'press' }, 'affiliation: Choose an affiliation.'],
    [
      'a long organization',
      { organization: 'o'.repeat(201) },
      'organization: Organization must be at most 200 characters.',
    ],
    ['a topic on two lines', { topic: 'Pay\nand hours' }, 'topic: Topic must be a single line.'],
    [
      'long other needs',
      { accommodations: { other: 'x'.repeat(501) } },
      'accommodations.other: Other needs must be at most 500 characters.',
    ],
    [
      'a caption language that is not a tag',
      { accommodations: { captionLanguage: 'Spanish!' } },
      'accommodations.captionLanguage: lang must be a language tag such as en-US.',
    ],
  ])('%s: %s', (_case, change, expected) => {
    expect(issues(forms.registrationSchema.safeParse({ ...REG, ...change }))).toBe(expected);
  });

  it('takes the email trimmed and in lower case, and fills what was left out', () => {
    expect(forms.registrationSchema.parse({ ...REG, email: ' Ana@Example.ORG ', name: ' Ana ' })).toEqual({
      name: 'Ana',
      email: 'ana@example.org',
      organization: '',
      affiliation: 'worker',
      wishToSpeak: false,
      topic: '',
      signs: false,
      accommodations: { asl: false, cart: false, other: '' },
    });
  });

  it('refuses fields it does not know, in the registration and in what it asks for', () => {
    expect(forms.registrationSchema.safeParse({ ...REG, admin: true }).success).toBe(false);
    expect(forms.registrationSchema.safeParse({ ...REG, accommodations: { pets: true } }).success).toBe(
      false,
    );
  });

  it('a change may not change the email, and keeps the same messages', () => {
    expect(forms.registrationChangeSchema.safeParse({ email: 'new@example.org' }).success).toBe(false);
    expect(issues(forms.registrationChangeSchema.safeParse({ topic: 't'.repeat(201) }))).toBe(
      'topic: Topic must be at most 200 characters.',
    );
    expect(forms.registrationChangeSchema.safeParse({ wishToSpeak: true }).success).toBe(true);
  });

  it('a change changes only what it names, and names something (PATCH)', () => {
    expect(forms.registrationChangeSchema.parse({ topic: ' Pay ' })).toEqual({ topic: 'Pay' });
    expect(forms.registrationChangeSchema.parse({ accommodations: { asl: true } })).toEqual({
      accommodations: { asl: true, cart: false, other: '' },
    });
    expect(issues(forms.registrationChangeSchema.safeParse({}))).toBe(': Nothing to change.');
  });

  it("a registrant's name follows nameSchema, the name of every other form", () => {
    for (const name of ['Ana', ' ', 'a'.repeat(80), 'a'.repeat(81), 'A\u200bB', 'A\nB']) {
      const own = issues(nameSchema.safeParse(name));
      expect(issues(forms.registrationSchema.safeParse({ ...REG, name }))).toBe(
        own === 'ok' ? 'ok' : `name${own}`,
      );
    }
  });

  it("the language tag answers as captions' langSchema does", () => {
    for (const tag of [
      'en-US',
      'es-MX',
      'ase',
      'zh-Hant-TW',
      'e',
      'en_US',
      'english',
      'en-',
      'en-US-x-y-z',
      42,
    ]) {
      expect(issues(forms.langTagSchema.safeParse(tag)), String(tag)).toBe(issues(langSchema.safeParse(tag)));
    }
  });
});

// What the browser loads for the forms: registrationSchemas.ts and the project modules it imports.
// Classic Zod in any of them would put it back in the forms' chunk (the build test,
// tests/process/pageWeight.test.ts, weighs what it adds).
function importGraph(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gms)].map((m) => m[1]!);
  seen.set(file, specifiers);
  for (const spec of specifiers.filter((s) => s.startsWith('.'))) {
    importGraph(join(dirname(file), spec.replace(/\.js$/, '.ts')), seen);
  }
  return seen;
}

describe("the forms' module graph", () => {
  it('imports zod/mini, never classic zod', () => {
    const graph = importGraph(join(PROJECT_ROOT, 'shared/registrationSchemas.ts'));
    const packages = [...graph].flatMap(([file, specs]) =>
      specs.filter((s) => !s.startsWith('.')).map((s) => `${file.slice(PROJECT_ROOT.length + 1)}: ${s}`),
    );
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.filter((p) => !p.endsWith(': zod/mini'))).toEqual([]);
  });
});
