import type { Logger } from 'pino';
import type { Mailer } from '../email/mailer.js';
import { messages, type MailContext } from '../email/messages.js';
import type { RegistrationRow } from '../store/registrationRepo.js';
import type { SessionRow } from '../store/repo.js';
import { calendarOf } from './calendar.js';
import type { RegistrationLinks } from './links.js';

const EMAIL_LIKE = /[^\s<>"'@]+@[^\s<>"']+/g;

export type MailKind = 'confirmed' | 'waitlisted' | 'promoted' | 'confirmEmail' | 'reminder' | 'again';

export interface RegistrationMailDeps {
  mailer: Mailer;
  links: RegistrationLinks;
  log: Logger;
}

/**
 * Mail about registrations. Sending never fails the request that caused it: a failure is logged at
 * warn with the registration id (never the address), and `send` resolves false.
 */
export function createRegistrationMail(deps: RegistrationMailDeps) {
  const inFlight = new Set<Promise<boolean>>();

  async function build(kind: MailKind, session: SessionRow, r: RegistrationRow) {
    const joinUrl = await deps.links.join(session, r);
    const c: MailContext = {
      to: r.email,
      name: r.name,
      session: { title: session.title, startsAt: session.starts_at, timeZone: session.time_zone },
      manageUrl: await deps.links.manage(session, r),
      joinUrl,
      calendar: joinUrl ? calendarOf(session, joinUrl) : null,
    };
    // 'again' goes only to a live registration (R3); a cancelled one re-registers instead.
    if (kind === 'again') return messages.linkAgain(c, r.status === 'cancelled' ? 'pending' : r.status);
    return messages[kind](c);
  }

  async function deliver(kind: MailKind, session: SessionRow, r: RegistrationRow): Promise<boolean> {
    try {
      await deps.mailer.send(await build(kind, session, r));
      deps.log.info({ registrationId: r.id, kind }, 'mail sent');
      return true;
    } catch (err) {
      // Expected now and then (the SMTP server is down, the address refused): warn, not error. A
      // refusal quotes the address; the log names the registration instead.
      const reason = String((err as Error).message ?? err).replace(EMAIL_LIKE, '<address>');
      deps.log.warn({ registrationId: r.id, kind, reason }, 'mail not sent');
      return false;
    }
  }

  return {
    /** Sends in the background; the promise is for callers (reminders) that want the outcome. */
    send(kind: MailKind, session: SessionRow, r: RegistrationRow): Promise<boolean> {
      const p = deliver(kind, session, r);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      return p;
    },
    /** Resolves once every message under way has been sent or has failed (shutdown, tests). */
    async settled(): Promise<void> {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

export type RegistrationMail = ReturnType<typeof createRegistrationMail>;
