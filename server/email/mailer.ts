import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

/** One message to one person: plain text first, the same words as simple HTML, optional files. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; content: string; contentType: string }[];
}

/** Where mail goes: an SMTP server, or an outbox folder when none is configured. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

// Short enough that a stuck mail server cannot hold a shutdown (which waits for mail under way)
// for nodemailer's default ten minutes; long enough for a slow but working one.
const SMTP_TIMEOUTS_MS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/** Sends through the SMTP server of `SMTP_URL` (smtp:// or smtps://, credentials in the URL). */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS_MS });
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}

/**
 * Writes each message, as nodemailer builds it for the wire (RFC 822), to `dir/*.eml`, so a
 * server without SMTP still shows what it would have sent, and any mail program can open it.
 */
export function createOutboxMailer(dir: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let count = 0;
  return {
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      await mkdir(dir, { recursive: true });
      // Time first so a listing reads in order; the counter keeps two in one millisecond apart.
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(++count).padStart(4, '0')}.eml`;
      await writeFile(join(dir, name), info.message as Buffer, { mode: 0o600 });
    },
  };
}

/** SMTP when configured; else the outbox, said once (warn) so nobody waits for mail that never leaves. */
export function mailerFor(
  settings: { smtpUrl: string | null; from: string; outbox: string },
  log: { warn(message: string): void },
): Mailer {
  if (settings.smtpUrl) return createSmtpMailer(settings.smtpUrl, settings.from);
  log.warn(`No SMTP_URL: registration mail is written to ${settings.outbox} instead of sent.`);
  return createOutboxMailer(settings.outbox, settings.from);
}
