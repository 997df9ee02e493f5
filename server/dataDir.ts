// DATA_DIR: made when missing, proven writable at start, and every failure in it explained to the
// operator as one message naming the directory, the cause and the fix.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError } from './configError.js';

/** A random secret kept in a file under DATA_DIR, readable by the owner only. */
export function readOrCreateSecret(
  dataDir: string,
  file: string,
  bytes = 32,
): { token: string; created: boolean } {
  const path = join(dataDir, file);
  const read = () => ({ token: readFileSync(path, 'utf8').trim(), created: false });
  try {
    if (existsSync(path)) return read();
    // Written whole under another name, then linked into place, which fails if the name exists:
    // nodes starting at once on one DATA_DIR agree on the first one's secret, never read half of it.
    const token = randomBytes(bytes).toString('base64url');
    const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(draft, token + '\n', { mode: 0o600 });
    try {
      linkSync(draft, path);
      return { token, created: true };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      return read();
    } finally {
      unlinkSync(draft);
    }
  } catch (err) {
    throw dataDirFailure(dataDir, path, err);
  }
}

const errorCode = (err: unknown) => (err as NodeJS.ErrnoException | null)?.code ?? '';
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
const FIX_ANY = 'Set DATA_DIR to a directory that the user OpenFloor runs as may write in.';

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Who the server runs as, for messages: "user nobody (uid 65534)". */
function whoAmI(): string {
  const uid = process.getuid?.();
  if (uid === undefined) return 'this user';
  try {
    return `user ${userInfo().username} (uid ${uid})`;
  } catch {
    return `uid ${uid}`; // no passwd entry
  }
}

/** " (as root: COMMAND)" with this user's uid:gid in the command, or nothing where there are no uids. */
function asRoot(command: (owner: string) => string): string {
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  return uid === undefined || gid === undefined ? '' : ` (as root: ${command(`${uid}:${gid}`)})`;
}

function unusable(dir: string, cause: string, fix: string): ConfigError {
  return new ConfigError(`DATA_DIR ${dir} cannot be used: ${cause}.\n${fix}`);
}

/**
 * A failed write in DATA_DIR as a ConfigError naming the directory, the cause and the fix.
 * `action` says what failed ("write in it", "create it in /srv"); `owned` is the path whose owner
 * and mode explain a refusal.
 */
function writeFailure(dir: string, err: unknown, action: string, owned: string): ConfigError {
  switch (errorCode(err)) {
    case 'EROFS':
      return unusable(
        dir,
        'it is on a file system mounted read-only',
        'Mount it read-write, or set DATA_DIR to a directory on a writable file system.',
      );
    case 'EACCES':
    case 'EPERM': {
      const stat = statOrNull(owned);
      const mode = stat ? (stat.mode & 0o777).toString(8) : '';
      const whose = stat ? ` (${owned === dir ? 'it' : owned} belongs to uid ${stat.uid}, mode ${mode})` : '';
      const give = existsSync(dir)
        ? 'Give the directory and its files to the user OpenFloor runs as' +
          asRoot((owner) => `chown -R ${owner} ${dir}`)
        : 'Create it for the user OpenFloor runs as' +
          asRoot((owner) => `mkdir -p ${dir} && chown ${owner} ${dir}`);
      return unusable(
        dir,
        `${whoAmI()} may not ${action}${whose}`,
        `${give}, or set DATA_DIR to a directory that user may write in.`,
      );
    }
    case 'ENOSPC':
    case 'EDQUOT':
      return unusable(
        dir,
        'its file system is full',
        'Free some space there, or set DATA_DIR to a directory on another file system.',
      );
    default:
      return unusable(dir, `could not ${action}: ${errorText(err)}`, FIX_ANY);
  }
}

/** The nearest existing path at or above `path` (the root always exists). */
function nearestExisting(path: string): { path: string; stat: Stats } {
  for (let p = path; ; p = dirname(p)) {
    const stat = statOrNull(p);
    if (stat) return { path: p, stat };
  }
}

/** Makes DATA_DIR if missing, as the server's user; a ConfigError says why it cannot. */
function makeDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const existing = nearestExisting(dir);
    if (existing.path === dir && !existing.stat.isDirectory()) {
      throw unusable(
        dir,
        'it is a file, not a directory',
        'Set DATA_DIR to a directory (it is created if missing), or move that file away.',
      );
    }
    if (!existing.stat.isDirectory()) {
      throw unusable(
        dir,
        `${existing.path} is a file, not a directory, so nothing can be created under it`,
        `Set DATA_DIR to a path under a directory, or move ${existing.path} away.`,
      );
    }
    throw writeFailure(dir, err, `create it in ${existing.path}`, existing.path);
  }
}

/** Writes a file in `folder` (DATA_DIR or a folder in it) and deletes it. */
function probeFolder(dir: string, folder: string): void {
  const probe = join(folder, `.write-test-${process.pid}`);
  try {
    writeFileSync(probe, 'OpenFloor checks that it may write here.\n');
    unlinkSync(probe);
  } catch (err) {
    throw writeFailure(dir, err, folder === dir ? 'write in it' : `write in ${folder}`, folder);
  }
}

/**
 * Makes DATA_DIR if missing and proves that this user may write in it and in what it holds (files
 * and folders left by a start as another user): a probe write, since access() says yes to root
 * even on a read-only mount. Throws a ConfigError naming the directory, the cause and the fix,
 * instead of the store's "unable to open database file" later.
 */
export function ensureDataDir(dir: string): void {
  makeDataDir(dir);
  probeFolder(dir, dir);
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const stat = statOrNull(path);
    if (stat?.isDirectory()) probeFolder(dir, path);
    else if (stat?.isFile()) {
      // Opened for writing and closed: nothing changes.
      try {
        closeSync(openSync(path, 'r+'));
      } catch (err) {
        throw writeFailure(dir, err, `write ${path}`, path);
      }
    }
  }
}

/**
 * The ConfigError for a file in DATA_DIR that could not be used: the cause ensureDataDir finds now,
 * or else the file and the system's own words.
 */
export function dataDirFailure(dir: string, path: string, err: unknown): ConfigError {
  try {
    ensureDataDir(dir);
  } catch (found) {
    if (found instanceof ConfigError) return found;
  }
  if (statOrNull(path)?.isDirectory()) {
    return unusable(dir, `${path} is a directory, where OpenFloor keeps a file`, `Move ${path} away.`);
  }
  return writeFailure(dir, err, `use ${path}`, path);
}
