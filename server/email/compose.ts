import escapeHtml from 'escape-html';
import type { MailMessage } from './mailer.js';

/** A paragraph of words, or a link shown with its address (mail programs differ in what they show). */
export type Block = string | { label: string; url: string };

/**
 * One message from paragraphs: the plain text and the HTML say the same thing, and every name,
 * title and link is escaped in the HTML, so a registrant's name cannot become markup.
 */
export function compose(
  to: string,
  subject: string,
  blocks: Block[],
  attachments: MailMessage['attachments'] = [],
): MailMessage {
  const text = blocks.map((b) => (typeof b === 'string' ? b : `${b.label}:\n${b.url}`)).join('\n\n');
  const html = blocks
    .map((b) =>
      typeof b === 'string'
        ? `<p>${escapeHtml(b)}</p>`
        : `<p>${escapeHtml(b.label)}:<br><a href="${escapeHtml(b.url)}">${escapeHtml(b.url)}</a></p>`,
    )
    .join('\n');
  return {
    to,
    subject,
    text: `${text}\n`,
    html: `<!doctype html>\n<html lang="en"><body>\n${html}\n</body></html>\n`,
    attachments,
  };
}
