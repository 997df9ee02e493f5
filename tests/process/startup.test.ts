// A DATA_DIR the server cannot write in stops it at start with one message on stderr that names
// the directory, the cause and the fix, and exit code 1: no stack trace, no "unable to open
// database file".
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NO_MEDIA, runAppUntilExit, type AppProcessOptions } from '../support/appProcess.js';

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;
const made: string[] = [];
const fresh = () => {
  made.push(mkdtempSync(join(tmpdir(), 'openfloor-startup-')));
  return made.at(-1)!;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Why this machine cannot mount in a private mount namespace (not root, or a container that forbids it). */
function cannotMount(): string | null {
  if (!isRoot) return 'needs root, to mount a file system read-only';
  const probe = spawnSync('unshare', ['-m', '--', 'mount', '-t', 'tmpfs', '-o', 'ro', 'tmpfs', fresh()], {
    encoding: 'utf8',
  });
  return probe.status === 0 ? null : `unshare -m and mount are not allowed here: ${probe.stderr.trim()}`;
}

/** Starts the built server on `dataDir` and returns how it exited and what it said. */
function start(dataDir: string, options: AppProcessOptions = {}) {
  return runAppUntilExit({ command: 'node', dataDir, env: NO_MEDIA, ...options });
}

/** One message of two lines (the cause, then the fix) and exit code 1. */
function expectOneMessage(result: { code: number | null; stderr: string }, ...parts: string[]) {
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toMatch(/ENOENT|unable to open database file/);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(2);
  for (const part of parts) expect(result.stderr).toContain(part);
  expect(result.code).toBe(1);
}

describe('a DATA_DIR that cannot be used', () => {
  it('under a regular file: names the file and says to move it or choose another path', async () => {
    const file = join(fresh(), 'backup.tar');
    writeFileSync(file, '');
    const dataDir = join(file, 'data');
    expectOneMessage(
      await start(dataDir),
      `DATA_DIR ${dataDir} cannot be used`,
      `${file} is a file, not a directory`,
      `move ${file} away`,
    );
  });

  it('not writable by the server’s user: names the user, the owner and the chown that fixes it', async (ctx) => {
    if (!isRoot) ctx.skip('needs root, to run the server as nobody');
    const dataDir = fresh();
    chmodSync(dataDir, 0o755); // root's, readable by all, writable by root only
    expectOneMessage(
      await start(dataDir, { uid: NOBODY, gid: NOBODY }),
      `DATA_DIR ${dataDir} cannot be used`,
      `user nobody (uid ${NOBODY}) may not write in it (it belongs to uid 0, mode 755)`,
      `chown -R ${NOBODY}:${NOBODY} ${dataDir}`,
    );
  });

  it('on a read-only mount: says so and says to mount it read-write', async (ctx) => {
    const reason = cannotMount();
    if (reason) ctx.skip(reason);
    const dataDir = fresh();
    // The server runs in its own mount namespace, where DATA_DIR is an empty read-only tmpfs.
    const wrap = [
      'unshare',
      '-m',
      '--',
      'sh',
      '-c',
      'mount -t tmpfs -o ro tmpfs "$DATA_DIR" && exec "$0" "$@"',
    ];
    expectOneMessage(
      await start(dataDir, { wrap }),
      `DATA_DIR ${dataDir} cannot be used`,
      'it is on a file system mounted read-only',
      'Mount it read-write',
    );
  });
});
