import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileStorage, newStorageKey, type CommentStorage } from '../../server/comments/storage.js';

let dir: string;
let storage: CommentStorage;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openfloor-storage-'));
  storage = createFileStorage(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The parts as a stream of chunks, as an upload arrives. */
const chunks = (...parts: string[]) => Readable.from(parts.map((part) => Buffer.from(part)));

async function text(stream: Readable | null): Promise<string | null> {
  if (!stream) return null;
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/** Every file under the storage's folder, drafts included. */
const everyFile = () => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());

describe('W10 the comment storage: files under DATA_DIR behind put, get, size and delete', () => {
  it('stores a stream whole, reads it back whole or by byte range, and deletes it', async () => {
    const key = newStorageKey();
    expect(await storage.put(key, chunks('Hello, ', 'comment ', 'world.'))).toEqual({ size: 21 });
    expect(await storage.size(key)).toBe(21);
    expect(await text(await storage.get(key))).toBe('Hello, comment world.');
    expect(await text(await storage.get(key, { start: 7, end: 13 }))).toBe('comment');
    await storage.delete(key);
    expect(await storage.size(key)).toBeNull();
    expect(await storage.get(key)).toBeNull();
    // Deleting what is not there is no error.
    await storage.delete(key);
  });

  it('leaves nothing under the key, not even a draft, when the source fails midway', async () => {
    const key = newStorageKey();
    const failing = new Readable({ read() {} });
    failing.push(Buffer.from('half of a file'));
    setTimeout(() => failing.destroy(new Error('the upload was cut')), 20);
    await expect(storage.put(key, failing)).rejects.toThrow('the upload was cut');
    expect(await storage.size(key)).toBeNull();
    expect(everyFile()).toEqual([]);
  });

  it('refuses a key of any other shape than its own before it nears a path', async () => {
    for (const bad of [
      '../../etc/passwd',
      'short',
      'a/b/cdefghijklmnopqrs',
      '',
      'x'.repeat(65),
      '.hidden-key-0123456',
    ]) {
      await expect(storage.put(bad, chunks('x'))).rejects.toThrow(/Not a comment storage key/);
      await expect(storage.get(bad)).rejects.toThrow(/Not a comment storage key/);
    }
    expect(everyFile()).toEqual([]);
    expect(newStorageKey()).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(newStorageKey()).not.toBe(newStorageKey());
  });
});
