import { pino } from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { compose } from '../../server/email/compose.js';
import { mailerFor, type Mailer } from '../../server/email/mailer.js';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinkSigner, MANAGE_AUDIENCE } from '../../server/invites/tokens.js';
import { createRegistrationLinks } from '../../server/sessions/links.js';
import { createRegistrationMail } from '../../server/sessions/mail.js';
import type { RegistrationRow } from '../../server/store/registrationRepo.js';
import type { SessionRow } from '../../server/store/repo.js';

const session = {
  id: 's1',
  title: 'Pay & <AI>',
  description: '',
  starts_at: '2026-12-01T15:00:00.000Z',
  ends_at: '2026-12-01T17:00:00.000Z',
  time_zone: 'America/New_York',
} as SessionRow;
const registration = {
  id: 'r1',
  session_id: 's1',
  email: 'rosa@example.org',
  name: 'Rosa "<b>" Diaz',
  status: 'registered',
  invite_id: 'i1',
} as RegistrationRow;

function setup(mailer: Mailer) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const secret = 'unit-secret-unit-secret-unit-secret';
  const links = createRegistrationLinks({
    join: createLinkSigner(secret),
    manage: createLinkSigner(secret, MANAGE_AUDIENCE),
    publicUrl: () => 'https://floor.example.org',
  });
  return { lines, mail: createRegistrationMail({ mailer, links, log: pino({ level: 'info' }, sink) }) };
}

describe('registration mail', () => {
  it('R13: a failed send resolves false and is logged at warn with the registration id, never the address', async () => {
    const refused = new Error(
      "Can't send mail - all recipients were rejected: 550 <rosa@example.org>: no such user",
    );
    const { lines, mail } = setup({ send: () => Promise.reject(refused) });
    expect(await mail.send('confirmed', session, registration)).toBe(false);
    await mail.settled();
    expect(lines).toMatchObject([{ level: 40, registrationId: 'r1', kind: 'confirmed' }]);
    expect(lines[0]!.reason).toMatch(/550 <<address>>: no such user/);
    expect(JSON.stringify(lines)).not.toContain('rosa@');
  });

  it('R4: the confirmation escapes names and titles in the HTML and carries the join, manage and .ics', async () => {
    const sent: Parameters<Mailer['send']>[0][] = [];
    const { mail } = setup({ send: (m) => Promise.resolve(void sent.push(m)) });
    expect(await mail.send('confirmed', session, registration)).toBe(true);
    const [m] = sent;
    expect(m).toMatchObject({ to: 'rosa@example.org', subject: 'You are registered: Pay & <AI>' });
    expect(m!.html).toContain('Hello Rosa &quot;&lt;b&gt;&quot; Diaz,');
    expect(m!.html).toContain('Pay &amp; &lt;AI&gt;');
    expect(m!.html).not.toMatch(/<b>|<AI>/);
    expect(m!.text).toContain('Tuesday, December 1, 2026 at 10:00 AM EST (America/New_York)');
    expect(m!.text).toMatch(/https:\/\/floor\.example\.org\/join\/\S+/);
    expect(m!.text).toMatch(/https:\/\/floor\.example\.org\/registrations\/manage\/\S+/);
    expect(m!.attachments?.map((a) => a.filename)).toEqual(['openfloor-session.ics']);
  });

  it('without SMTP_URL, writes to the outbox and says so once, at warn, naming the folder', async () => {
    const warnings: string[] = [];
    const outbox = join(mkdtempSync(join(tmpdir(), 'openfloor-mail-')), 'outbox');
    const mailer = mailerFor({ smtpUrl: null, from: 'a@b.org', outbox }, { warn: (m) => warnings.push(m) });
    expect(warnings).toEqual([`No SMTP_URL: registration mail is written to ${outbox} instead of sent.`]);
    // A title with a line break (an organizer's paste) cannot add a header.
    await mailer.send(compose('rosa@example.org', 'Hi\r\nBcc: evil@example.org', ['Hello']));
    const files = readdirSync(outbox);
    expect(files).toHaveLength(1);
    const headers = readFileSync(join(outbox, files[0]!), 'utf8').split('\n\n')[0]!;
    expect(headers).toContain('Subject: Hi Bcc: evil@example.org');
    expect(headers).not.toMatch(/^Bcc:/m);
    expect(
      mailerFor(
        { smtpUrl: 'smtp://127.0.0.1:9', from: 'a@b.org', outbox },
        { warn: (m) => warnings.push(m) },
      ),
    ).toBeDefined();
    expect(warnings).toHaveLength(1);
  });

  it('escapes a link that would break out of its attribute', () => {
    const m = compose('a@b.org', 'S', [{ label: 'Go', url: 'https://x.org/"><script>' }]);
    expect(m.html).toContain('href="https://x.org/&quot;&gt;&lt;script&gt;"');
  });
});
