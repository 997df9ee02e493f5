import { createLogger } from '../log.js';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Logger, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { join } from 'node:path';
import { dataDirFailure } from '../dataDir.js';
import { migrations } from './migrations.js';
import type { Database, Db } from './schema.js';

export type * from './schema.js';

/**
 * Opens the store and migrates it: PostgreSQL when a `postgres://` URL is given, otherwise the
 * embedded SQLite file under DATA_DIR (or in memory for ':memory:'). The same migrations and
 * queries run on both; tests/integration/store.contract.test.ts proves it against each.
 */
export async function openDb(target: string, { onQuery }: OpenDbOptions = {}): Promise<Db> {
  const log: Logger | undefined = onQuery && ((e) => onQuery(e.queryDurationMillis, e.level === 'query'));
  const db = /^postgres(ql)?:\/\//.test(target) ? openPostgres(target, log) : openSqlite(target, log);
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error('migration failed', { cause: error });
  }
  return db;
}

export interface OpenDbOptions {
  /** Told how long each query took and whether it failed (the node's metrics). */
  onQuery?: (durationMs: number, ok: boolean) => void;
}

function openSqlite(dataDir: string, log: Logger | undefined): Db {
  const file = dataDir === ':memory:' ? ':memory:' : join(dataDir, 'openfloor.sqlite');
  let sqlite: SQLite.Database | undefined;
  try {
    sqlite = new SQLite(file);
    // The first write: a database SQLite could only open read-only fails here.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
  } catch (err) {
    sqlite?.close();
    // SQLite's own words ("unable to open database file") name neither the folder nor the fix.
    throw file === ':memory:' ? err : dataDirFailure(dataDir, file, err);
  }
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: keepingStatements(sqlite) }), log });
}

/** How many prepared statements the SQLite store keeps: more than its queries' distinct texts. */
const KEPT_STATEMENTS = 1000;

/**
 * The SQLite database as Kysely sees it, with each query's statement prepared once and kept:
 * Kysely prepares every query anew, and preparing was a third of a query's cost. A statement is
 * never run twice at once (better-sqlite3 runs each query to its end synchronously and the store
 * streams no query).
 */
function keepingStatements(sqlite: SQLite.Database): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    prepare(text) {
      let statement = kept.get(text);
      if (!statement) {
        if (kept.size >= KEPT_STATEMENTS) kept.clear();
        statement = sqlite.prepare(text);
        kept.set(text, statement);
      }
      return statement;
    },
    close: () => sqlite.close(),
  };
}

/** How long PostgreSQL lets a transaction sit idle before ending it: see openPostgres. */
export const IDLE_IN_TRANSACTION_MS = 10_000;

function openPostgres(url: string, log: Logger | undefined): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5_000,
    // A node that hangs (SIGSTOP, a frozen VM) in the middle of a change keeps its transaction, and
    // the session's row lock with it (gate.ts): every other node's change to that session would
    // wait for as long as it hangs. PostgreSQL ends a transaction left idle this long, which frees
    // the lock; a change holds it for milliseconds.
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
  });
  // A connection the server cut (a restart, a failover) is dropped by the pool and replaced at the
  // next query; the query under way on it, if any, fails (a retryable refusal, N5). Without these
  // listeners the cut would end the process: the pool's covers idle connections, and each
  // connection's own covers the moments it is lent out (a transaction holds one).
  const cut = (err: Error) => storeLog.warn({ err: err.message }, 'A store connection was cut');
  pool.on('error', cut);
  pool.on('connect', (client) => client.on('error', cut));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
}

const storeLog = createLogger('store');
