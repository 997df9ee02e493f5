import { DateTime } from 'luxon';
import type { Block } from './compose.js';
import { compose } from './compose.js';
import type { MailMessage } from './mailer.js';

export interface MailSession {
  title: string;
  startsAt: string;
  timeZone: string;
}

/** What a message about one registration needs; the links are made by the caller. */
export interface MailContext {
  to: string;
  name: string;
  session: MailSession;
  manageUrl: string;
  joinUrl: string | null;
  /** The .ics file, for messages that carry the join link. */
  calendar: string | null;
}

/** The start in the session's own zone, named, so it reads the same in any mail program. */
export function whenOf(s: MailSession): string {
  const start = DateTime.fromISO(s.startsAt, { zone: s.timeZone });
  return `${start.toFormat("cccc, LLLL d, yyyy 'at' h:mm a ZZZZ")} (${s.timeZone})`;
}

const manage = (c: MailContext): Block => ({
  label: 'To change or cancel your registration, use your private link (do not share it)',
  url: c.manageUrl,
});

function withJoin(c: MailContext, subject: string, opening: string[]): MailMessage {
  const blocks: Block[] = [
    ...opening,
    { label: 'Your personal link to join (it is only for you)', url: c.joinUrl ?? '' },
    'The attached calendar file adds the session, with this link, to your calendar.',
    manage(c),
  ];
  const files = c.calendar
    ? [
        {
          filename: 'openfloor-session.ics',
          content: c.calendar,
          contentType: 'text/calendar; charset=utf-8',
        },
      ]
    : [];
  return compose(c.to, subject, blocks, files);
}

const hello = (c: MailContext) => `Hello ${c.name},`;
const session = (c: MailContext) => `${c.session.title}, ${whenOf(c.session)}.`;

export const messages = {
  confirmed: (c: MailContext) =>
    withJoin(c, `You are registered: ${c.session.title}`, [hello(c), `You are registered for ${session(c)}`]),

  waitlisted: (c: MailContext) =>
    compose(c.to, `You are on the waitlist: ${c.session.title}`, [
      hello(c),
      `${session(c)} is full, so you are on the waitlist. If a place opens, we will send you your link to join.`,
      manage(c),
    ]),

  promoted: (c: MailContext) =>
    withJoin(c, `A place opened for you: ${c.session.title}`, [
      hello(c),
      `A place opened: you are now registered for ${session(c)}`,
    ]),

  confirmEmail: (c: MailContext) =>
    compose(c.to, `Confirm your registration: ${c.session.title}`, [
      hello(c),
      `Someone, we hope you, registered this address for ${session(c)}`,
      { label: 'To confirm, open this link and choose "Confirm my registration"', url: c.manageUrl },
      'If it was not you, ignore this message: nothing happens until the link is used.',
    ]),

  reminder: (c: MailContext) =>
    withJoin(c, `Reminder: ${c.session.title}`, [hello(c), `A reminder: ${session(c)}`]),

  /** Sent when someone registers again with this address: the links again, and nothing changed. */
  linkAgain(c: MailContext, status: 'pending' | 'registered' | 'waitlisted'): MailMessage {
    const again =
      'Someone registered this address again. Your registration is unchanged; here are your links.';
    if (status === 'registered') return withJoin(c, `Your link again: ${c.session.title}`, [hello(c), again]);
    if (status === 'pending') return messages.confirmEmail(c);
    return compose(c.to, `Your link again: ${c.session.title}`, [
      hello(c),
      again,
      `You are on the waitlist for ${session(c)}`,
      manage(c),
    ]);
  },
};
