// A throwaway PostgreSQL cluster for the store contract tests: Debian's binaries, a temp data
// directory, loopback only, trust authentication; removed again on stop.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const ROOT = '/usr/lib/postgresql';

/** The newest installed server's bin directory, or null. */
export function postgresBinDir(): string | null {
  if (!existsSync(ROOT)) return null;
  const versions = readdirSync(ROOT)
    .filter((v) => existsSync(join(ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(ROOT, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Postgres {
  url: string;
  /** Stops the server, fast: open connections are cut; the data stays. */
  down(): void;
  /** Starts it again after `down`, on the same port. */
  up(): void;
  stop(): void;
}

/** Starts a cluster; as root, its processes run as the `postgres` user (initdb refuses root). */
export async function startPostgres(binDir: string): Promise<Postgres> {
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'openfloor-pg-'));
  const data = join(dir, 'data');
  const user = asRoot ? 'postgres' : (process.env.USER ?? 'postgres');
  if (asRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, uid, gid);
  }
  const run = (bin: string, args: string[]): SpawnSyncReturns<string> => {
    const argv = asRoot
      ? ['runuser', '-u', 'postgres', '--', join(binDir, bin), ...args]
      : [join(binDir, bin), ...args];
    const result = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${bin} failed: ${result.stderr || result.stdout}`);
    return result;
  };
  const port = await freePort();
  run('initdb', ['-D', data, '-U', user, '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const start = () =>
    run('pg_ctl', [
      '-D',
      data,
      '-w',
      '-l',
      join(dir, 'log'),
      '-o',
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`,
      'start',
    ]);
  start();
  return {
    url: `postgres://${user}@127.0.0.1:${port}/postgres`,
    down() {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    up: start,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A fresh, uniquely named database on the server, dropped again by `drop`. */
export async function freshDatabase(serverUrl: string, prefix = 'openfloor_test') {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A database a store contract runs against: where to open it, and how to drop it after. */
export type DialectTarget = () => Promise<{ target: string; drop: () => Promise<void> }>;

/**
 * The databases a store contract runs on: SQLite in memory always, and a fresh PostgreSQL database
 * named after `name` when OPENFLOOR_TEST_DATABASE_URL points at a server.
 */
export function contractDialects(name: string): [string, DialectTarget][] {
  const dialects: [string, DialectTarget][] = [
    ['SQLite', () => Promise.resolve({ target: ':memory:', drop: () => Promise.resolve() })],
  ];
  const url = process.env.OPENFLOOR_TEST_DATABASE_URL;
  if (url) {
    dialects.push([
      'PostgreSQL',
      async () => {
        const fresh = await freshDatabase(url, name);
        return { target: fresh.url, drop: () => fresh.drop() };
      },
    ]);
  }
  return dialects;
}
