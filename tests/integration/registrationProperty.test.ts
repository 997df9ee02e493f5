import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

let smtp: TestSmtp;
let server: TestServer;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp.stop();
});

// A few addresses, written in any case, and names an attacker might try (markup, quotes, accents).
const attempt = fc.record({
  who: fc.integer({ min: 0, max: 2 }),
  upper: fc.boolean(),
  name: fc.constantFrom('Rosa', 'Mallory', '<img src=x>', 'O\u2019Brien "the boss"', 'Zoë'),
});

describe('registering, as anyone might try it', () => {
  it('R1-R3: every answer is the same; each address keeps its first registration, and only it is mailed', async () => {
    await fc.assert(
      fc
        .asyncProperty(fc.array(attempt, { minLength: 1, maxLength: 6 }), async (attempts) => {
          // A server per run: the registration rate limit counts per client address, and all runs share one.
          server = await startTestServer({ smtpUrl: smtp.url });
          const { id } = await server.createSession({ capacity: 1 }, 'scheduled');
          const answers = new Set<string>();
          const firstName = new Map<number, string>();
          const seenMail = smtp.messages.length;
          for (const a of attempts) {
            const email = `person${a.who}@example.org`;
            const res = await server.api(
              'POST',
              `/api/public/sessions/${id}/registrations`,
              { name: a.name, email: a.upper ? email.toUpperCase() : email, affiliation: 'worker' },
              null,
            );
            answers.add(`${res.status} ${await res.text()}`);
            if (!firstName.has(a.who)) firstName.set(a.who, a.name);
          }
          expect(answers.size).toBe(1);
          expect([...answers][0]).toMatch(/^202 /);

          const stored = (await (await server.api('GET', `/api/sessions/${id}/registrations`)).json()) as {
            email: string;
            name: string;
          }[];
          const expected = [...firstName].map(([who, name]) => ({ email: `person${who}@example.org`, name }));
          expect(stored.map(({ email, name }) => ({ email, name }))).toEqual(expected);

          await server.app.mailSettled();
          const mailed = smtp.messages.slice(seenMail).flatMap((m) => m.to);
          // The first registration's mail, and one "link again" however often it was repeated (R3).
          const counts = new Map<number, number>();
          for (const a of attempts) counts.set(a.who, Math.min((counts.get(a.who) ?? 0) + 1, 2));
          const perAddress = [...counts].flatMap(([who, n]) =>
            Array<string>(n).fill(`person${who}@example.org`),
          );
          expect(mailed.sort()).toEqual(perAddress.sort());
        })
        .afterEach(() => server.stop()),
      { numRuns: 15 },
    );
  });
});
