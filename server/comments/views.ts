import type { CommentFileView, ModeratedComment, PublicComment } from '../../shared/comments.js';
import { oneLine } from '../../shared/text.js';
import type { CommentFileRow, CommentRow } from '../store/commentRepo.js';
import { extensionOf } from './content.js';

/** Where a comment's file is served, under a base ('' for the API's own pages, PUBLIC_URL in exports). */
export const fileUrl = (base: string, fileId: string) => `${base}/api/comments/files/${fileId}`;

const FILE_NAME_MAX = 120;

/**
 * The name a file is shown and served under: the commenter's, on one line, without any folder, with
 * the extension of what the file was found to be (a "report.pdf" that is plain text is "report.txt").
 */
export function fileNameFor(originalName: string, type: string): string {
  const base = oneLine(originalName.split(/[\\/]/).at(-1) ?? '')
    .replace(/\.[^.]*$/, '')
    .replace(/["]/g, '')
    .slice(0, FILE_NAME_MAX);
  return `${base || 'file'}.${extensionOf(type)}`;
}

function fileView(base: string, f: CommentFileRow): CommentFileView {
  return { id: f.id, role: f.role, name: f.name, type: f.media_type, size: f.size, url: fileUrl(base, f.id) };
}

/** The files of each comment, by comment id. */
export function filesByComment(files: readonly CommentFileRow[]): Map<string, CommentFileRow[]> {
  const by = new Map<string, CommentFileRow[]>();
  for (const f of files) by.set(f.comment_id, [...(by.get(f.comment_id) ?? []), f]);
  return by;
}

/**
 * W9: a comment as the public sees it: never the email; an anonymous commenter's name and
 * organization never either (an organization can name a person as surely as a name).
 */
export function toPublicComment(
  c: CommentRow,
  files: readonly CommentFileRow[],
  base: string,
): PublicComment {
  if (c.status !== 'published' && c.status !== 'to-read')
    throw new Error(`Comment ${c.id} is ${c.status}, not public`);
  return {
    id: c.id,
    number: c.number,
    kind: c.kind,
    name: c.anonymous ? null : c.name,
    organization: c.anonymous ? null : c.organization,
    topic: c.topic,
    text: c.text,
    transcript: c.transcript,
    signed: c.signed === 1,
    status: c.status,
    submittedAt: c.created_at,
    files: files.map((f) => fileView(base, f)),
  };
}

/** A comment as the organizer and moderators see it: everything. */
export function toModeratedComment(c: CommentRow, files: readonly CommentFileRow[]): ModeratedComment {
  return {
    id: c.id,
    number: c.number,
    kind: c.kind,
    name: c.name,
    organization: c.organization,
    email: c.email,
    anonymous: c.anonymous === 1,
    topic: c.topic,
    text: c.text,
    transcript: c.transcript,
    signed: c.signed === 1,
    status: c.status,
    reason: c.reason,
    submittedAt: c.created_at,
    decidedAt: c.decided_at,
    decidedBy: c.decided_by,
    durationSeconds: c.duration_seconds,
    files: files.map((f) => fileView('', f)),
  };
}
