import { stringify } from 'csv-stringify/sync';
import type { CommentFileView, PublicComment } from '../../shared/comments.js';
import type { RecordCounts, RecordDates } from '../../shared/records.js';
import { neutralizeCell } from './csv.js';
import { esc, md, paragraphs, when } from './recordText.js';

// The comments of the public in the record (W13) and their exports (W14). A comment here is already
// the public view (server/comments/views.ts): no email, and no name or organization when anonymous.

const TYPE_WORDS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'text/plain': 'plain text',
  'video/webm': 'WebM video',
  'video/mp4': 'MP4 video',
  'text/vtt': 'WebVTT captions',
};

const sizeOf = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
const fileWords = (f: CommentFileView) => `${TYPE_WORDS[f.type] ?? f.type}, ${sizeOf(f.size)}`;
/** Who sent it, as the public may know it. */
const byline = (c: PublicComment) =>
  c.name === null ? 'Anonymous' : c.organization ? `${c.name}, ${c.organization}` : c.name;
const kindWords = (c: PublicComment) =>
  c.kind === 'written' ? 'Written comment' : c.signed ? 'Video comment in ASL' : 'Video comment';
const statusWords = (c: PublicComment) =>
  c.status === 'to-read' ? 'To be read into the record.' : 'Published.';
const about = (c: PublicComment, zone: string) =>
  `${kindWords(c)}${c.topic ? ` on ${c.topic}` : ''}, received ${when(c.submittedAt, zone)}. ${statusWords(c)}`;

/** The comment period in words, or null when the session had none. */
export function periodWords(d: RecordDates): string | null {
  if (!d.commentsOpenedAt || !d.commentsClosedAt) return null;
  return `Comments were taken from ${when(d.commentsOpenedAt, d.timeZone)} to ${when(d.commentsClosedAt, d.timeZone)}.`;
}

function countRows(c: RecordCounts): [string, number][] {
  return [
    ['Registered', c.registered],
    ['Attended', c.attended],
    ['Spoke', c.spoke],
    ['Written remarks', c.writtenRemarks],
    ['Comments received', c.comments.received],
    ['Comments in the record', c.comments.public],
    ['Written comments', c.comments.written],
    ['Video comments', c.comments.video],
    ['Signed comments (ASL)', c.comments.signed],
    ...c.comments.byTopic.map((t): [string, number] => [`Comments on ${t.topic || 'no topic'}`, t.count]),
  ];
}

/** Plain lines with a hard break each: no list marker, so nothing in a topic can start structure. */
export const countsMarkdown = (c: RecordCounts) => countRows(c).map(([label, n]) => `${md(label)}: ${n}  `);

export function countsHtml(c: RecordCounts): string {
  const rows = countRows(c).map(([label, n]) => `<tr><th scope="row">${esc(label)}</th><td>${n}</td></tr>`);
  return `<table><caption>Counts</caption><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

export function commentsMarkdown(comments: readonly PublicComment[], zone: string): string[] {
  if (comments.length === 0) return ['None.'];
  return comments.flatMap((c) => {
    const video = c.files.find((f) => f.role === 'video');
    const out = [`### Comment ${c.number}: ${md(byline(c))}`, '', md(about(c, zone)), ''];
    if (video) out.push(`Video: [${md(video.name)}](<${video.url}>) (${md(fileWords(video))})`, '');
    const quoted = paragraphs(c.text).map((p) => `> ${md(p)}`);
    if (quoted.length)
      out.push(video ? 'Summary:' : 'Comment:', '', ...quoted.flatMap((q) => [q, '>']).slice(0, -1), '');
    const transcript = paragraphs(c.transcript).map((p) => `> ${md(p)}`);
    if (transcript.length)
      out.push('Transcript:', '', ...transcript.flatMap((q) => [q, '>']).slice(0, -1), '');
    for (const f of c.files.filter((f) => f.role !== 'video')) {
      const label = f.role === 'captions' ? 'Captions' : 'Attachment';
      out.push(`${label}: [${md(f.name)}](<${f.url}>) (${md(fileWords(f))})  `);
    }
    return [...out, ''];
  });
}

const link = (f: CommentFileView) => `<a href="${esc(f.url)}">${esc(f.name)}</a> (${esc(fileWords(f))})`;
const htmlParagraphs = (s: string) =>
  paragraphs(s)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('');

function commentHtml(c: PublicComment, zone: string): string {
  const id = `comment-${c.number}`;
  const video = c.files.find((f) => f.role === 'video');
  const captions = c.files.find((f) => f.role === 'captions');
  const attachments = c.files.filter((f) => f.role === 'attachment');
  const parts = [
    `<h3 id="${id}">Comment ${c.number}: ${esc(byline(c))}</h3>`,
    `<p>${esc(about(c, zone))}</p>`,
  ];
  if (video) {
    const track = captions
      ? `<track kind="captions" src="${esc(captions.url)}" label="Captions" default>`
      : '';
    parts.push(
      `<video controls preload="metadata" src="${esc(video.url)}" aria-label="Video comment ${c.number}">${track}</video>`,
      `<p>Video: ${link(video)}${captions ? `; captions: ${link(captions)}` : ''}</p>`,
    );
  }
  if (c.text)
    parts.push(video ? `<h4>Summary</h4>` : '', `<blockquote>${htmlParagraphs(c.text)}</blockquote>`);
  if (c.transcript)
    parts.push(`<h4>Transcript</h4>`, `<blockquote>${htmlParagraphs(c.transcript)}</blockquote>`);
  if (attachments.length)
    parts.push(`<p>Attachments:</p><ul>${attachments.map((f) => `<li>${link(f)}</li>`).join('')}</ul>`);
  return `<article aria-labelledby="${id}">${parts.filter(Boolean).join('\n')}</article>`;
}

export function commentsHtml(comments: readonly PublicComment[], zone: string): string {
  return comments.length ? comments.map((c) => commentHtml(c, zone)).join('\n') : '<p>None.</p>';
}

const CSV_HEADER = [
  'Number',
  'Kind',
  'Status',
  'Name',
  'Organization',
  'Topic',
  'Signed',
  'Comment or summary',
  'Transcript',
  'Files',
  'Received at',
];

/**
 * W14: the public comments as CSV, every cell quoted and safe to open in a spreadsheet (a leading
 * formula character is neutralized on every line of a cell, as for the registrations).
 */
export function commentsCsv(comments: readonly PublicComment[]): string {
  const rows = comments.map((c) => [
    String(c.number),
    c.kind,
    c.status === 'to-read' ? 'to be read into the record' : 'published',
    c.name ?? 'Anonymous',
    c.organization ?? '',
    c.topic,
    c.signed ? 'yes' : 'no',
    c.text,
    c.transcript,
    c.files.map((f) => `${f.name} ${f.url}`).join('\n'),
    c.submittedAt,
  ]);
  return stringify([CSV_HEADER, ...rows.map((row) => row.map(neutralizeCell))], {
    record_delimiter: '\r\n',
    quoted: true,
    quoted_empty: true,
  });
}
