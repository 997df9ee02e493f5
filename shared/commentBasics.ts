// What the comment pages need of the comment contract without Zod (a public page's script is held to
// 90 kB gzipped): the kinds, statuses and reasons, the period, the limits, and the shapes the API
// answers with. shared/comments.ts re-exports all of it beside the schemas that validate input.
// Rules W1-W14 are in server/comments/SPEC.md.

/** A written comment (text and attachments) or a video comment (recorded or uploaded). */
export const COMMENT_KINDS = ['written', 'video'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

/**
 * pending: waits for a moderator; published: public; rejected: never public, with a reason;
 * to-read: marked for reading into the record, and public like a published one (W8).
 */
export const COMMENT_STATUSES = ['pending', 'published', 'rejected', 'to-read'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** The statuses whose comments the public sees, in the record and through their files (W9). */
export const PUBLIC_COMMENT_STATUSES: readonly CommentStatus[] = ['published', 'to-read'];

export const COMMENT_STATUS_LABEL: Record<CommentStatus, string> = {
  pending: 'Waiting for moderation',
  published: 'Published',
  rejected: 'Rejected',
  'to-read': 'To be read into the record',
};

/** Why a moderator rejects a comment: a closed list, so the commenter's mail says it plainly. */
export const REJECTION_REASONS = ['spam', 'off-topic', 'personal-information', 'abusive'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const REJECTION_REASON_LABEL: Record<RejectionReason, string> = {
  spam: 'Spam',
  'off-topic': 'Off topic',
  'personal-information': 'Personal information',
  abusive: 'Abusive',
};

/** What a moderator does with a comment; `read` marks it for reading into the record. */
export const MODERATION_ACTIONS = ['publish', 'reject', 'read'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** The status each moderation act leads to. */
export const STATUS_AFTER: Record<ModerationAction, CommentStatus> = {
  publish: 'published',
  reject: 'rejected',
  read: 'to-read',
};

/** none: the organizer set no period; before, open, after: where now falls in it (W1). */
export type CommentPeriodState = 'none' | 'before' | 'open' | 'after';

/** Where `nowMs` falls in the period [opensAt, closesAt): it opens at its first instant and closes at its last. */
export function commentPeriodAt(
  period: { opensAt: string | null; closesAt: string | null },
  nowMs: number,
): CommentPeriodState {
  if (!period.opensAt || !period.closesAt) return 'none';
  if (nowMs < Date.parse(period.opensAt)) return 'before';
  return nowMs < Date.parse(period.closesAt) ? 'open' : 'after';
}

/**
 * How many words a text holds (W4), as the browser and the server both count them: word-like
 * segments of Unicode's word breaking, so a text in a script without spaces is counted by word too.
 */
export function countWords(text: string): number {
  let words = 0;
  for (const segment of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)) {
    if (segment.isWordLike) words++;
  }
  return words;
}

/** Attachment types, as found in a file's bytes (never its name), with the extension each gets (W5). */
export const ATTACHMENT_TYPES = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'text/plain': 'txt',
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** Video types, as found in a file's bytes: what browsers record (WebM, MP4), stored as uploaded (W6). */
export const VIDEO_TYPES = { 'video/webm': 'webm', 'video/mp4': 'mp4' } as const;
export type VideoType = keyof typeof VIDEO_TYPES;

/** Captions a video comment may carry: a WebVTT file, checked by its content (W6). */
export const CAPTIONS_TYPE = 'text/vtt';

export const ATTACHMENTS_MAX = 5;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const CAPTIONS_MAX_BYTES = 512 * 1024;
/**
 * A video's bytes per second of its length limit: 5 Mbit/s, above what browsers record at 720p.
 * Without a transcoder the server cannot read a recording's length, so it holds the file to the
 * size that length allows (W6); the recorder stops at the length itself.
 */
export const VIDEO_BYTES_PER_SECOND = 625_000;
export const VIDEO_OVERHEAD_BYTES = 1024 * 1024;

/** The largest video a session's length limit allows. */
export function videoMaxBytes(videoMaxSeconds: number): number {
  return videoMaxSeconds * VIDEO_BYTES_PER_SECOND + VIDEO_OVERHEAD_BYTES;
}

/** Characters a comment may hold beyond its word limit's count: long words, but not a flood. */
export const CHARS_PER_WORD_MAX = 30;
export const TRANSCRIPT_MAX_CHARS = 50_000;

/** A session's comment settings, as the organizer sets them (W1-W4). */
export interface CommentSettings {
  /** ISO instants: the period [opensAt, closesAt); both null: the session takes no comments yet. */
  opensAt: string | null;
  closesAt: string | null;
  wordLimit: number;
  anonymousAllowed: boolean;
  videoMaxSeconds: number;
  /** The topics a commenter chooses from; empty: the session's focus is the one topic. */
  topics: string[];
}

/** GET /api/public/sessions/:id/comments: what the comment page shows and checks before sending. */
export interface PublicCommentSettings {
  session: { id: string; title: string; focus: string; startsAt: string; endsAt: string; timeZone: string };
  opensAt: string | null;
  closesAt: string | null;
  /** Where now falls in the period, by the server's clock; `takesComments` false overrides it. */
  period: CommentPeriodState;
  /** Whether comments are taken at all: the session takes public comments and is not cancelled. */
  takesComments: boolean;
  /** The server's clock when it answered (ISO), for the time left. */
  now: string;
  wordLimit: number;
  anonymousAllowed: boolean;
  videoMaxSeconds: number;
  videoMaxBytes: number;
  /** The topics to choose from (the session's focus when the organizer listed none); may be empty. */
  topics: string[];
  attachmentsMax: number;
  attachmentMaxBytes: number;
  attachmentTypes: string[];
  videoTypes: string[];
}

/** A file of a comment as anyone may see it. */
export interface CommentFileView {
  id: string;
  /** attachment, video or captions (the video's WebVTT). */
  role: 'attachment' | 'video' | 'captions';
  name: string;
  type: string;
  size: number;
  /** Where it is served (absolute in exports, relative in the API). */
  url: string;
}

/** A comment as the public sees it (W9): never the email; the name and organization only when signed. */
export interface PublicComment {
  id: string;
  /** The comment's number in its session, in order of submission. */
  number: number;
  kind: CommentKind;
  /** Null when the commenter chose to be anonymous. */
  name: string | null;
  organization: string | null;
  topic: string;
  /** The written comment, or the video's written summary. */
  text: string;
  /** A video's transcript, as the commenter wrote it ('' for none). */
  transcript: string;
  /** Signed in a sign language (ASL): the organizer has it interpreted. */
  signed: boolean;
  status: 'published' | 'to-read';
  submittedAt: string;
  files: CommentFileView[];
}

/** A comment as the organizer and moderators see it: everything, the email too. */
export interface ModeratedComment extends Omit<PublicComment, 'name' | 'organization' | 'status'> {
  name: string;
  organization: string;
  email: string;
  anonymous: boolean;
  status: CommentStatus;
  reason: RejectionReason | null;
  decidedAt: string | null;
  decidedBy: string | null;
  durationSeconds: number | null;
}

/** What submitting a comment answers. */
export interface CommentReceipt {
  number: number;
  message: string;
}

export const COMMENT_RECEIPT =
  'Thank you: your comment was received. A moderator reads it before it is published; we will write ' +
  'to the address you gave when they have.';
