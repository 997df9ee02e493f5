import { fileTypeFromBuffer } from 'file-type';
import { ATTACHMENT_TYPES, CAPTIONS_TYPE, VIDEO_TYPES } from '../../shared/comments.js';

// W5, W6: what a file is, decided from its bytes. Its name and the type the browser claims are never
// asked: a program renamed report.pdf is still a program, and is refused.

export type UploadRole = 'attachment' | 'video' | 'captions';

/** How many leading bytes decide a file's type (file-type reads no further for any type taken here). */
export const SNIFF_BYTES = 4100;

/** A file refused for what it is (415) or how large it is (413), said plainly to the commenter. */
export class RefusedUpload extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

// Plain text: valid UTF-8 without control characters (C0, DEL, C1) but tab, line feed, form feed and
// carriage return (and a byte-order mark at the start, which TextDecoder takes away).
const CONTROL = /(?![\t\n\f\r])\p{Cc}/u;

/** Checks plain text as it streams by: a chunk at a time, a character cut between chunks included. */
export function createTextCheck(name: string) {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const refuse = () =>
    new RefusedUpload(415, 'unsupported-type', `${name} is not plain text (UTF-8) or a type taken here.`);
  const check = (text: string) => {
    if (CONTROL.test(text)) throw refuse();
    return text;
  };
  return {
    /** The chunk's text so far; throws RefusedUpload when it is not plain text. */
    push(chunk: Uint8Array): string {
      try {
        return check(decoder.decode(chunk, { stream: true }));
      } catch (err) {
        throw err instanceof RefusedUpload ? err : refuse();
      }
    },
    end(): void {
      try {
        check(decoder.decode());
      } catch (err) {
        throw err instanceof RefusedUpload ? err : refuse();
      }
    },
  };
}

const WEBVTT_SIGNATURE = /^WEBVTT(?:[ \t\n\r]|$)/;

const ROLE_WORDS: Record<UploadRole, string> = {
  attachment: 'Attachments may be PDF, PNG, JPEG, GIF, WebP or plain text',
  video: 'A video comment may be WebM or MP4',
  captions: 'Captions must be a WebVTT file',
};

/**
 * The media type of a file of this role from its first bytes (at most SNIFF_BYTES; all of it when
 * shorter), or a RefusedUpload. Plain text and WebVTT have no signature: they are text, and the
 * rest of the file is checked as text while it is stored (createTextCheck).
 */
export async function typeOf(head: Uint8Array, role: UploadRole, name: string): Promise<string> {
  if (head.length === 0) throw new RefusedUpload(400, 'invalid-request', `${name} is empty.`);
  const found = (await fileTypeFromBuffer(head))?.mime;
  const refuse = () =>
    new RefusedUpload(
      415,
      'unsupported-type',
      `${name} is ${found ? `a file of type ${found}` : 'not a type taken here'}. ${ROLE_WORDS[role]}.`,
    );
  if (role === 'video') {
    if (found && found in VIDEO_TYPES) return found;
    throw refuse();
  }
  // file-type knows WebVTT by its first line; any other type it finds is not captions.
  if (found && !(role === 'captions' && found === CAPTIONS_TYPE)) {
    if (role === 'attachment' && found in ATTACHMENT_TYPES && found !== 'text/plain') return found;
    throw refuse();
  }
  // No signature: text, or refused. The head may end inside a character: checked as a stream.
  let text: string;
  try {
    text = createTextCheck(name).push(head);
  } catch {
    throw refuse();
  }
  if (role === 'captions') {
    if (WEBVTT_SIGNATURE.test(text)) return CAPTIONS_TYPE;
    throw refuse();
  }
  return 'text/plain';
}

/** The extension a file of this (detected) type is served with. */
export function extensionOf(type: string): string {
  if (type === CAPTIONS_TYPE) return 'vtt';
  const all: Record<string, string> = { ...ATTACHMENT_TYPES, ...VIDEO_TYPES };
  return all[type] ?? 'bin';
}

/** Whether stored bytes of this type must be checked as text to their end. */
export const isText = (type: string) => type === 'text/plain' || type === CAPTIONS_TYPE;
