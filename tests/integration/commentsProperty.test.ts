import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_TYPES,
  CAPTIONS_TYPE,
  countWords,
  VIDEO_TYPES,
  type ModeratedComment,
} from '../../shared/comments.js';
import {
  elfBytes,
  exeBytes,
  moderationList,
  mp4Bytes,
  pdfBytes,
  pngBytes,
  postComment,
  setCommentSettings,
  storedFiles,
  webmBytes,
  type FormFile,
} from '../support/comments.js';
import { startTestServer } from '../support/server.js';

// The comment forms as anyone might fill them in: every field or none, values at the edges of their
// rules and beyond (markup, formulas, control and invisible characters, a word over the limit),
// files of every kind in every field. Whatever comes, the server answers without a 5xx; a refusal
// stores nothing (no comment, no file); what is taken keeps every rule of W2-W6.

const WORD_LIMIT = 50;
const TOPICS = ['Scheduling', 'Pay'];
const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    'Rosa Diaz',
    '<script>alert(1)</script>',
    '=HYPERLINK("http://x")',
    'a\u202eb',
    'zero\u200bwidth',
    'nul\u0000',
    'line\nbreak',
    words(WORD_LIMIT),
    words(WORD_LIMIT + 1),
    'x'.repeat(3000),
  ),
);
const flag = fc.constantFrom('true', 'false', 'on', '1', '0', 'yes', 'maybe', '');

const nasty = fc.record(
  {
    name: text,
    anonymous: flag,
    email: fc.constantFrom('ROSA@Example.org', 'not-an-email', '', 'a@b'),
    organization: text,
    topic: fc.constantFrom('', 'Parking', 'scheduling'),
    text,
    summary: text,
    transcript: text,
    signed: flag,
    // A length said by the commenter: no field of the API (the server measures it, W15).
    durationSeconds: fc.constantFrom('1', '30', '31'),
    role: fc.constant('moderator'),
  },
  { requiredKeys: [] },
);

/** A form as it should be filled in, for either kind: most attempts change a little of it. */
const VALID: Record<'written' | 'video', Record<string, string>> = {
  written: {
    name: 'Rosa Diaz',
    email: 'rosa@example.org',
    organization: 'Local 12',
    topic: 'Pay',
    text: 'Short.',
  },
  video: { name: 'Dee', email: 'dee@example.org', topic: 'Scheduling', summary: 'Short.', signed: 'true' },
};

const FILES: Record<string, () => Buffer> = {
  pdf: pdfBytes,
  png: pngBytes,
  elf: elfBytes,
  exe: exeBytes,
  text: () => Buffer.from('Plain notes.\n'),
  vtt: () => Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n'),
  latin1: () => Buffer.from([0x63, 0x61, 0x66, 0xe9]),
  webm: () => webmBytes(64, 12),
  mp4: () => mp4Bytes(64, 30),
  // Past the session's 30 s (W15), and a recording cut short, whose length cannot be read.
  webmLong: () => webmBytes(64, 40),
  webmCut: () => webmBytes(64, 12).subarray(0, -3),
  empty: () => Buffer.alloc(0),
};
const file = (fields: string[], kinds: string[]) =>
  fc.record({
    field: fc.constantFrom(...fields),
    kind: fc.constantFrom(...kinds),
    name: fc.constantFrom('a.pdf', '../../etc/passwd', 'photo.png', 'x', 'évidence.txt', 'C:\\x\\y.webm'),
  });
const goodFiles = {
  written: fc.array(file(['attachments'], ['pdf', 'png', 'text']), { maxLength: 3 }),
  video: fc
    .tuple(file(['video'], ['webm', 'mp4']), fc.array(file(['captions'], ['vtt']), { maxLength: 1 }))
    .map(([v, c]) => [v, ...c]),
};
const anyFiles = fc.array(file(['attachments', 'video', 'captions', 'other'], Object.keys(FILES)), {
  maxLength: 6,
});

const attempt = fc.constantFrom('written', 'video').chain((kind: 'written' | 'video') =>
  fc.record({
    kind: fc.constant(kind),
    period: fc.constantFrom('open', 'open', 'open', 'before', 'after'),
    anonymousAllowed: fc.boolean(),
    // Two forms in three as they should be, the others with some fields at or past their rules.
    fields: fc
      .oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: nasty })
      .map((changed) => ({ ...VALID[kind], ...changed })),
    files: fc.oneof({ weight: 3, arbitrary: goodFiles[kind] }, { weight: 1, arbitrary: anyFiles }),
  }),
);

/** W2-W6 of a comment that was taken, as the organizer reads it. */
function expectRulesKept(c: ModeratedComment, anonymousAllowed: boolean) {
  expect(c.email).toMatch(/^[^A-Z]+@[^A-Z]+$/);
  if (c.anonymous) expect(anonymousAllowed).toBe(true);
  else expect(c.name).not.toBe('');
  expect(TOPICS).toContain(c.topic);
  expect(countWords(c.text)).toBeLessThanOrEqual(WORD_LIMIT);
  expect(c.status).toBe('pending');
  for (const f of c.files) {
    const allowed =
      f.role === 'video'
        ? Object.keys(VIDEO_TYPES)
        : f.role === 'captions'
          ? [CAPTIONS_TYPE]
          : Object.keys(ATTACHMENT_TYPES);
    expect(allowed).toContain(f.type);
    expect(f.name).not.toMatch(/[\\/]/);
  }
  if (c.kind === 'video') {
    expect(c.files.filter((f) => f.role === 'video')).toHaveLength(1);
    expect(c.durationSeconds).toBeGreaterThanOrEqual(1);
    expect(c.durationSeconds).toBeLessThanOrEqual(30);
  } else expect(c.files.every((f) => f.role === 'attachment')).toBe(true);
}

describe('the comment forms, as anyone might fill them in', () => {
  // Generous: each attempt is a few requests, and the machine is shared.
  it(
    'W1-W6, W15: never a 5xx; a refusal stores nothing; what is taken keeps every rule',
    { timeout: 180_000 },
    async () => {
      const server = await startTestServer({ now: new Date('2030-09-01T12:00:00Z') });
      try {
        const answers: number[] = [];
        await fc.assert(
          fc.asyncProperty(attempt, async (a) => {
            // A session per attempt: the period and anonymity as drawn, nothing sent before.
            const { id } = await server.createSession({}, 'scheduled');
            const now = server.clock.now.getTime();
            const offset = { open: 0, before: 2 * 86_400_000, after: -2 * 86_400_000 }[a.period];
            await setCommentSettings(server, id, {
              opensAt: new Date(now + offset - 3_600_000).toISOString(),
              closesAt: new Date(now + offset + 3_600_000).toISOString(),
              wordLimit: WORD_LIMIT,
              videoMaxSeconds: 30,
              anonymousAllowed: a.anonymousAllowed,
              topics: TOPICS,
            });
            const filesBefore = storedFiles(server).length;
            const files: FormFile[] = a.files.map((f) => ({
              field: f.field,
              name: f.name,
              bytes: FILES[f.kind]!(),
            }));
            // Each attempt from an address of its own: the limit of W11 is not what this walks.
            const from = `192.0.2.${answers.length % 250}`;
            const res = await postComment(server, id, a.kind, a.fields, files, from);
            const body = (await res.json()) as { message?: string };
            answers.push(res.status);
            expect(res.status).toBeLessThan(500);
            expect(body.message?.length ?? 0).toBeGreaterThan(5);
            const stored = (await moderationList(server, id)).comments;
            if (res.status !== 201) {
              expect(stored).toEqual([]);
              expect(storedFiles(server)).toHaveLength(filesBefore);
              if (a.period !== 'open') expect(res.status).toBe(409);
              return;
            }
            expect(a.period).toBe('open');
            expect(stored).toHaveLength(1);
            expectRulesKept(stored[0]!, a.anonymousAllowed);
            expect(stored[0]!.files).toHaveLength(files.length);
            expect(storedFiles(server)).toHaveLength(filesBefore + files.length);
            const refusedKinds = ['elf', 'exe', 'latin1', 'empty', 'webmLong', 'webmCut'];
            expect(a.files.some((f) => refusedKinds.includes(f.kind))).toBe(false);
          }),
          { numRuns: 60 },
        );
        // Both ways were walked: forms taken, and forms refused for their fields, files and period.
        expect(answers.filter((s) => s === 201).length).toBeGreaterThanOrEqual(3);
        expect(new Set(answers.filter((s) => s !== 201)).size).toBeGreaterThanOrEqual(2);
      } finally {
        await server.stop();
      }
    },
  );
});
