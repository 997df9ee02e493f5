import type { Logger } from 'pino';
import type { CommentStatus, RejectionReason } from '../../shared/comments.js';
import { commentMessages, excerptOf, type CommentMailContext } from '../email/commentMessages.js';
import type { Mailer } from '../email/mailer.js';
import type { CommentRow } from '../store/commentRepo.js';
import type { SessionRow } from '../store/repo.js';

const EMAIL_LIKE = /[^\s<>"'@]+@[^\s<>"']+/g;

export interface CommentMailDeps {
  mailer: Mailer;
  publicUrl: () => string;
  log: Logger;
}

/**
 * Mail about comments (W8). Sending never fails the decision that caused it: a failure is logged at
 * warn with the comment's id (never the address) and the decision stands.
 */
export function createCommentMail(deps: CommentMailDeps) {
  const inFlight = new Set<Promise<void>>();

  function build(session: SessionRow, closesAt: string | null, c: CommentRow) {
    const context: CommentMailContext = {
      to: c.email,
      name: c.anonymous ? '' : c.name,
      number: c.number,
      excerpt: excerptOf(c.text || c.transcript),
      session: { title: session.title, timeZone: session.time_zone },
      recordUrl: `${deps.publicUrl()}/records/${session.id}`,
      closesAt,
    };
    const status: CommentStatus = c.status;
    if (status === 'rejected') return commentMessages.rejected(context, c.reason as RejectionReason);
    return status === 'to-read' ? commentMessages.toRead(context) : commentMessages.published(context);
  }

  async function deliver(session: SessionRow, closesAt: string | null, c: CommentRow) {
    try {
      await deps.mailer.send(build(session, closesAt, c));
      deps.log.info({ commentId: c.id, status: c.status }, 'mail sent');
    } catch (err) {
      const reason = String((err as Error).message ?? err).replace(EMAIL_LIKE, '<address>');
      deps.log.warn({ commentId: c.id, status: c.status, reason }, 'mail not sent');
    }
  }

  return {
    /** Tells the commenter what was decided, in the background. */
    decided(session: SessionRow, closesAt: string | null, comment: CommentRow): void {
      const p = deliver(session, closesAt, comment);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    },
    /** Resolves once every message under way has been sent or has failed (shutdown, tests). */
    async settled(): Promise<void> {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

export type CommentMail = ReturnType<typeof createCommentMail>;
