import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import type { Readable } from 'node:stream';
import { sendError } from '../api/errors.js';
import { createTextCheck, isText, RefusedUpload, SNIFF_BYTES, typeOf, type UploadRole } from './content.js';
import { newStorageKey, type CommentStorage } from './storage.js';

/** One file field of a comment form: what it holds, how many, how large each may be. */
export interface FileField {
  field: string;
  role: UploadRole;
  maxCount: number;
  maxBytes: number;
}

/** A file stored for a comment not yet stored itself: discarded unless the comment is. */
export interface StoredUpload {
  key: string;
  role: UploadRole;
  /** The name the commenter's file had, for showing; never a path or a key. */
  originalName: string;
  type: string;
  size: number;
  /** A video's length in whole seconds, as the server measured it (W15). */
  seconds?: number;
}

/** A size written for people: 10 MB, 512 KB. */
export const sizeWords = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;

/** The first bytes of a stream (SNIFF_BYTES, or all of a shorter one), and the stream's iterator after them. */
async function headOf(stream: Readable) {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const parts: Buffer[] = [];
  let length = 0;
  while (length < SNIFF_BYTES) {
    const next = await chunks.next();
    if (next.done) break;
    parts.push(next.value);
    length += next.value.length;
  }
  return { head: Buffer.concat(parts), rest: chunks };
}

/**
 * The bytes as stored: the head, then the rest, counted against the field's size (413 past it) and,
 * for text, checked as text to the end (415). Thrown inside the storage's `put`, which then keeps
 * nothing.
 */
async function* checked(
  head: Buffer,
  rest: AsyncIterator<Buffer>,
  spec: FileField,
  type: string,
  name: string,
) {
  const text = isText(type) ? createTextCheck(name) : null;
  let size = 0;
  for (let chunk: Buffer | undefined = head; chunk;) {
    size += chunk.length;
    if (size > spec.maxBytes) {
      throw new RefusedUpload(413, 'too-large', `${name} is larger than ${sizeWords(spec.maxBytes)}.`);
    }
    text?.push(chunk);
    yield chunk;
    const next = await rest.next();
    chunk = next.done ? undefined : next.value;
  }
  text?.end();
}

/**
 * A multer storage engine that decides each file's type from its first bytes before anything is
 * stored (W5, W6), then streams it into the comment storage under a key of its own.
 */
function checkingEngine(storage: CommentStorage, fields: readonly FileField[]): multer.StorageEngine {
  return {
    _handleFile(_req, file, done) {
      const spec = fields.find((f) => f.field === file.fieldname)!;
      const name = `The file "${file.originalname.slice(0, 80)}"`;
      void (async () => {
        const { head, rest } = await headOf(file.stream);
        const type = await typeOf(head, spec.role, name);
        const key = newStorageKey();
        const { size } = await storage.put(key, checked(head, rest, spec, type, name));
        return { key, type, size };
      })().then(
        // multer keeps these beside the file: `filename` is the storage key, `mimetype` what was found.
        ({ key, type, size }) => done(null, { filename: key, mimetype: type, size }),
        (err: unknown) => done(err),
      );
    },
    _removeFile(_req, file, done) {
      storage.delete(file.filename).then(
        () => done(null),
        (err: unknown) => done(err as Error),
      );
    },
  };
}

const MULTER_WORDS: Partial<Record<string, [number, string]>> = {
  LIMIT_FILE_COUNT: [400, 'Too many files.'],
  LIMIT_UNEXPECTED_FILE: [400, 'Too many files, or a file in a field that takes none:'],
  LIMIT_FIELD_VALUE: [413, 'A field is too long:'],
  LIMIT_FIELD_COUNT: [400, 'Too many fields.'],
  LIMIT_PART_COUNT: [400, 'Too many parts.'],
  LIMIT_FIELD_KEY: [400, 'A field name is too long.'],
};

/** Answers a refused upload; anything else (the store, the disk) is the caller's to throw. */
function refuse(res: Response, err: unknown, fields: readonly FileField[]): boolean {
  if (err instanceof RefusedUpload) return (sendError(res, err.status, err.error, err.message), true);
  if (err instanceof MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') {
      const spec = fields.find((f) => f.field === err.field);
      const limit = spec ? ` than ${sizeWords(spec.maxBytes)}` : '';
      sendError(
        res,
        413,
        'too-large',
        `The file "${(err as MulterError & { filename?: string }).filename ?? ''}" is larger${limit}.`,
      );
      return true;
    }
    const [status, words] = MULTER_WORDS[err.code] ?? [400, 'The form could not be read.'];
    sendError(res, status, 'invalid-request', err.field ? `${words} ${err.field}` : words);
    return true;
  }
  // busboy's own words for a body that is not well-formed multipart.
  if (err instanceof Error && /multipart|boundary|unexpected end of form|malformed/i.test(err.message)) {
    sendError(res, 400, 'invalid-request', 'The form could not be read: it is not well-formed multipart.');
    return true;
  }
  return false;
}

/**
 * Reads a multipart comment form: its text fields into `req.body`, its files, checked by content,
 * into the storage. Resolves with the stored files, or undefined once a refusal has been answered
 * (nothing of the form is kept then: multer removes what it had stored).
 */
export async function readCommentForm(
  req: Request,
  res: Response,
  storage: CommentStorage,
  fields: readonly FileField[],
): Promise<StoredUpload[] | undefined> {
  if (!req.is('multipart/form-data')) {
    sendError(res, 415, 'unsupported-type', 'Send the comment as multipart/form-data.');
    return undefined;
  }
  const parse = multer({
    storage: checkingEngine(storage, fields),
    limits: {
      // Each file's own limit is checked as it streams; this is the backstop for the largest.
      fileSize: Math.max(...fields.map((f) => f.maxBytes)),
      files: fields.reduce((n, f) => n + f.maxCount, 0),
      fields: 16,
      fieldSize: 2 * 1024 * 1024,
      fieldNameSize: 100,
      parts: 32,
    },
  }).fields(fields.map((f) => ({ name: f.field, maxCount: f.maxCount })));
  try {
    await new Promise<void>((resolve, reject) =>
      parse(req, res, (err?: unknown) =>
        err
          ? reject(err instanceof Error ? err : new Error('The form could not be read.', { cause: err }))
          : resolve(),
      ),
    );
  } catch (err) {
    if (refuse(res, err, fields)) return undefined;
    throw err;
  }
  const files = (req.files ?? {}) as Record<string, Express.Multer.File[]>;
  return fields.flatMap((spec) =>
    (files[spec.field] ?? []).map((f) => ({
      key: f.filename,
      role: spec.role,
      originalName: f.originalname,
      type: f.mimetype,
      size: f.size,
    })),
  );
}

/** Removes stored files of a comment that was refused after all (its fields, its store). */
export async function discard(storage: CommentStorage, uploads: readonly StoredUpload[]): Promise<void> {
  await Promise.all(uploads.map((u) => storage.delete(u.key)));
}
