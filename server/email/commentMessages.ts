import { DateTime } from 'luxon';
import { REJECTION_REASON_LABEL, type RejectionReason } from '../../shared/comments.js';
import { oneLine } from '../../shared/text.js';
import { compose, type Block } from './compose.js';
import type { MailMessage } from './mailer.js';

/** What a message about one comment needs; the record's address is made by the caller. */
export interface CommentMailContext {
  to: string;
  /** The commenter's name; '' when they gave none (anonymous). */
  name: string;
  number: number;
  /** The comment's first words, so the commenter knows which one this is about. */
  excerpt: string;
  session: { title: string; timeZone: string };
  /** Where the session's record will be (shown once the organizer publishes it). */
  recordUrl: string;
  /** When the comment period closes (ISO), or null. */
  closesAt: string | null;
}

/** What each reason means, in the words the commenter reads. */
const REASON_WORDS: Record<RejectionReason, string> = {
  spam: 'it looks like spam or advertising',
  'off-topic': 'it is not about the topics of this session',
  'personal-information':
    'it contains personal information (about you or someone else) that cannot be made public',
  abusive: 'it is abusive or threatening',
};

const EXCERPT_CHARS = 200;

/** The comment's first words on one line, cut at a word when long. */
export function excerptOf(text: string): string {
  const line = oneLine(text);
  if (line.length <= EXCERPT_CHARS) return line;
  const cut = line.slice(0, EXCERPT_CHARS);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 100 ? cut.lastIndexOf(' ') : EXCERPT_CHARS)}…`;
}

const hello = (c: CommentMailContext) => (c.name ? `Hello ${c.name},` : 'Hello,');
const which = (c: CommentMailContext) =>
  c.excerpt
    ? `Your comment number ${c.number} on "${c.session.title}" began: "${c.excerpt}"`
    : `This is about your comment number ${c.number} on "${c.session.title}".`;
const record = (c: CommentMailContext): Block => ({
  label: 'The session’s public record, once the organizer publishes it',
  url: c.recordUrl,
});
const closes = (c: CommentMailContext) =>
  c.closesAt
    ? DateTime.fromISO(c.closesAt, { zone: c.session.timeZone }).toFormat(
        "cccc, LLLL d, yyyy 'at' h:mm a ZZZZ",
      )
    : null;

/** W8: the commenter is told of every moderation decision, by email. */
export const commentMessages = {
  published: (c: CommentMailContext): MailMessage =>
    compose(c.to, `Your comment is published: ${c.session.title}`, [
      hello(c),
      which(c),
      'A moderator published it. It is part of the session’s public record.',
      record(c),
    ]),

  toRead: (c: CommentMailContext): MailMessage =>
    compose(c.to, `Your comment will be read into the record: ${c.session.title}`, [
      hello(c),
      which(c),
      'A moderator marked it to be read into the record of the session. It is part of the session’s public record.',
      record(c),
    ]),

  rejected(c: CommentMailContext, reason: RejectionReason): MailMessage {
    const until = closes(c);
    return compose(c.to, `Your comment was not published: ${c.session.title}`, [
      hello(c),
      which(c),
      `A moderator did not publish it. The reason: ${REJECTION_REASON_LABEL[reason]} (${REASON_WORDS[reason]}).`,
      until
        ? `You may send a new comment while the comment period is open, until ${until}.`
        : 'You may send a new comment while the comment period is open.',
    ]);
  },
};
