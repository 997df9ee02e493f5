import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Inclusive byte positions, as an HTTP Range names them. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where the files of comments are kept (W10): one small interface, so that an S3-compatible store
 * can replace the files under DATA_DIR without touching anything else. Keys are made by
 * `newStorageKey` and kept in the store; nothing a request says ever becomes a key.
 */
export interface CommentStorage {
  /** Stores the bytes under `key`; when it fails (the source failed too), nothing is left under it. */
  put(key: string, body: AsyncIterable<Uint8Array>): Promise<{ size: number }>;
  /** The size of what is stored under `key`, or null when nothing is. */
  size(key: string): Promise<number | null>;
  /** The bytes stored under `key` (a range of them), or null when nothing is. */
  get(key: string, range?: ByteRange): Promise<Readable | null>;
  /** Removes what is stored under `key`; nothing stored is not an error. */
  delete(key: string): Promise<void>;
}

/** 144 random bits, URL- and file-name-safe. */
export function newStorageKey(): string {
  return randomBytes(18).toString('base64url');
}

const KEY = /^[A-Za-z0-9_-]{16,64}$/;

/** A key is the server's own; one of any other shape is a bug, refused before it nears a path. */
function checkedKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`Not a comment storage key: ${JSON.stringify(key.slice(0, 80))}`);
  return key;
}

const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * The embedded default: each file under `dir` (DATA_DIR/comments), in a folder named by its key's
 * first two characters so no folder grows too large. Written under a temporary name and renamed
 * into place, so a file is either whole or absent, across a crash too.
 */
export function createFileStorage(dir: string): CommentStorage {
  const pathOf = (key: string) => join(dir, checkedKey(key).slice(0, 2), key);
  return {
    async put(key, body) {
      const path = pathOf(key);
      await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
      const draft = `${path}.part-${randomBytes(6).toString('hex')}`;
      let size = 0;
      const counting = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          done(null, chunk);
        },
      });
      try {
        await pipeline(Readable.from(body), counting, createWriteStream(draft, { flags: 'wx', mode: 0o600 }));
        await rename(draft, path);
      } catch (err) {
        await unlink(draft).catch(() => undefined);
        throw err;
      }
      return { size };
    },

    async size(key) {
      try {
        return (await stat(pathOf(key))).size;
      } catch (err) {
        if (missing(err)) return null;
        throw err;
      }
    },

    async get(key, range) {
      const stream = createReadStream(pathOf(key), range ? { start: range.start, end: range.end } : {});
      // Opened before it is handed out, so a missing file is null here rather than a failed response.
      return new Promise((resolve, reject) => {
        stream.once('open', () => resolve(stream));
        stream.once('error', (err) => (missing(err) ? resolve(null) : reject(err)));
      });
    },

    async delete(key) {
      await unlink(pathOf(key)).catch((err: unknown) => {
        if (!missing(err)) throw err;
      });
    },
  };
}
