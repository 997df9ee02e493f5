import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { openDb } from '../../server/store/db.js';
import { isStoreUnavailable, logFailure } from '../../server/store/unavailable.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('a store out of reach, told apart from a fault', () => {
  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P03', 'the database system is starting up'],
    ['08006', 'connection failure'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'],
    ['ECONNRESET', 'read ECONNRESET'],
  ])('%s is out of reach: retry', (code, message) => {
    expect(isStoreUnavailable(withCode(code, message))).toBe(true);
  });

  it('knows the pg driver’s own words, and looks through a cause', () => {
    expect(isStoreUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isStoreUnavailable(new Error('wrapped', { cause: withCode('57P01') }))).toBe(true);
  });

  it.each([
    ['23505', 'duplicate key value violates unique constraint'],
    ['42P01', 'relation "nope" does not exist'],
    ['SQLITE_CONSTRAINT', 'UNIQUE constraint failed'],
  ])('%s is a fault, not a retry', (code, message) => {
    expect(isStoreUnavailable(withCode(code, message))).toBe(false);
  });

  it('is false for anything that is not an error', () => {
    expect(isStoreUnavailable('ECONNREFUSED')).toBe(false);
    expect(isStoreUnavailable(null)).toBe(false);
  });
});

describe('logFailure: background work that failed', () => {
  const logged = () => {
    const at: string[] = [];
    const log = { warn: () => at.push('warn'), error: () => at.push('error') } as unknown as Logger;
    return { at, log };
  };

  it('warns when the store was closed under it (a shutdown), errs on a fault', async () => {
    const db = await openDb(':memory:');
    await db.destroy();
    const closedError = await sql`select 1`.execute(db).catch((err: unknown) => err);
    const { at, log } = logged();
    logFailure(log, closedError, 'a broadcast failed');
    logFailure(log, withCode('57P01'), 'a broadcast failed');
    logFailure(log, new Error('no such column: x'), 'a broadcast failed');
    expect(at).toEqual(['warn', 'warn', 'error']);
  });
});
