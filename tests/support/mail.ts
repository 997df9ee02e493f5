import ICAL from 'ical.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Received } from './smtp.js';

/** The first link of this kind in a message's plain text, pointed at the test server. */
export function linkIn(mail: ParsedMail, kind: 'join' | 'manage', serverUrl: string): string | null {
  const path = kind === 'join' ? '/join/' : '/registrations/manage/';
  const found = new RegExp(`https?://[^\\s]+${path}[\\w.-]+`).exec(mail.text ?? '');
  return found ? found[0].replace(/^https?:\/\/[^/]+/, serverUrl) : null;
}

/** The token at the end of a join or manage link. */
export const tokenOf = (url: string) => url.split('/').at(-1)!;

/** The first VEVENT of the message's .ics attachment, parsed by ical.js. */
export function calendarEvent(mail: ParsedMail): ICAL.Event {
  const file = mail.attachments.find((a) => a.filename?.endsWith('.ics'));
  if (!file) throw new Error(`No .ics attachment in "${mail.subject ?? ''}"`);
  const calendar = new ICAL.Component(ICAL.parse(file.content.toString('utf8')) as unknown[]);
  return new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
}

/** A predicate for TestSmtp.next: to this address, with a subject that matches. */
export const mailTo =
  (address: string, subject: RegExp) =>
  (m: Received): boolean =>
    m.to.includes(address.toLowerCase()) && subject.test(m.mail.subject ?? '');

/**
 * The first message in DATA_DIR/outbox to this address whose subject matches, parsed; polls, as
 * mail is written in the background after the request that caused it.
 */
export async function outboxMail(dataDir: string, address: string, subject: RegExp, timeoutMs = 10_000) {
  const dir = join(dataDir, 'outbox');
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    const files = existsSync(dir) ? readdirSync(dir).sort() : [];
    for (const file of files) {
      const mail = await simpleParser(readFileSync(join(dir, file)));
      if (JSON.stringify(mail.to).includes(address) && subject.test(mail.subject ?? '')) return mail;
    }
  }
  throw new Error(`No mail to ${address} matching ${String(subject)} in ${dir}`);
}
