import { PostgresAdapter, sql } from 'kysely';
import { createKeyedSerial } from '../lib/keyedSerial.js';
import type { Db } from './db.js';

/** What a change to a session works with while it holds the session. */
export interface Held {
  /** The store: inside the session's transaction when several nodes share it. */
  db: Db;
  /** Now, in ms: the database's clock when several nodes share it (they all agree on it). */
  nowMs: number;
  /** Runs `effect` once the change is stored (after the commit), still in the session's order. */
  afterCommit: (effect: () => void) => void;
}

/**
 * The one way to change a session's live state (its queue, its captions): read, decide, write,
 * and only then tell anyone, one change at a time per session.
 *
 * Alone (SQLite, one node), the order is kept in memory and memory may hold state between changes.
 * Shared (PostgreSQL, several nodes), each change is one transaction that first locks the session's
 * row (`SELECT ... FOR UPDATE`), so one change runs at a time across every node; a node that dies
 * mid-change aborts its transaction and releases the lock. Nothing held in memory can be trusted
 * there (another node may have changed it), so the services read the store inside the lock.
 */
export interface SessionGate {
  /** True when several nodes share the store: no state may be kept in memory between changes. */
  readonly shared: boolean;
  run<T>(sessionId: string, work: (held: Held) => Promise<T>): Promise<T>;
}

/**
 * Runs `change` with an `afterCommit` that collects effects, then carries them out in order once
 * `change` has resolved (committed): a change that fails tells no one.
 */
async function thenEffects<T>(change: (afterCommit: Held['afterCommit']) => Promise<T>): Promise<T> {
  const effects: (() => void)[] = [];
  const value = await change((effect) => void effects.push(effect));
  for (const effect of effects) effect();
  return value;
}

export function createLocalGate(db: Db, nowMs: () => number): SessionGate {
  const serialized = createKeyedSerial();
  return {
    shared: false,
    run: (sessionId, work) =>
      serialized(sessionId, () => thenEffects((afterCommit) => work({ db, nowMs: nowMs(), afterCommit }))),
  };
}

export function createSharedGate(db: Db): SessionGate {
  // Changes from this node still queue here first: they would wait for each other's lock anyway,
  // and this keeps this node's broadcasts in the order of its commits.
  const serialized = createKeyedSerial();
  return {
    shared: true,
    run: (sessionId, work) =>
      serialized(sessionId, () =>
        thenEffects((afterCommit) =>
          db.transaction().execute(async (trx) => {
            const nowMs = await lockSession(trx, sessionId);
            return work({ db: trx, nowMs, afterCommit });
          }),
        ),
      ),
  };
}

/**
 * Locks the session's row until the transaction ends (PostgreSQL), and reads the database's clock
 * in the same round trip. `clock_timestamp()`, not `now()`: the time the lock was had, not the
 * time the transaction began waiting for it.
 */
async function lockSession(trx: Db, sessionId: string): Promise<number> {
  const { rows } = await sql<{ now_ms: number }>`
    select (extract(epoch from clock_timestamp()) * 1000)::float8 as now_ms
    from (select 1) as clock
    left join (select id from sessions where id = ${sessionId} for update) as locked on true`.execute(trx);
  return Math.floor(rows[0]!.now_ms);
}

/** Runs `work` in a transaction, or in the one `db` already is (a change inside the gate). */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Whether `db` is PostgreSQL (which several nodes can share) rather than the embedded SQLite file. */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Inside a transaction that numbers a session's rows (max + 1): on PostgreSQL, locks the session's
 * row first, so two nodes numbering at once take turns instead of taking the same number. SQLite
 * runs one transaction at a time already.
 */
export async function lockForNumbering(trx: Db, sessionId: string): Promise<void> {
  if (!isPostgres(trx)) return;
  await sql`select id from sessions where id = ${sessionId} for update`.execute(trx);
}
