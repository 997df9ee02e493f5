import type { Logger } from 'pino';

/** What a page or captioning software is told while the store cannot be reached. */
export const STORE_UNAVAILABLE_MESSAGE =
  'The server cannot reach its database for a moment (a restart or a failover): try again in a few seconds.';

// PostgreSQL's classes 08 (connection exception) and 57P (the server is shutting down or starting).
const PG_CODES = /^(08\d{3}|57P0[1-4])$/;
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN']);
const PG_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

/**
 * Whether a failure is the store being out of reach (it restarts, fails over, or the network to it
 * dropped) rather than a fault: such a request is refused as retryable, and nothing is logged as an
 * error. Anything else is a fault.
 */
export function isStoreUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (PG_CODES.test(code) || NODE_CODES.has(code))) return true;
  if (PG_MESSAGES.test(err.message)) return true;
  return err.cause !== undefined && err.cause !== err && isStoreUnavailable(err.cause);
}

/**
 * Logs a failure of work nobody asked for (a timer, a broadcast): at warn while the store is out of
 * reach (it will pass, N5), at error otherwise.
 */
export function logFailure(log: Logger, err: unknown, what: string, fields: object = {}): void {
  if (isStoreUnavailable(err))
    log.warn({ ...fields, err: (err as Error).message }, `${what}: the store is out of reach`);
  else if (isStoreClosed(err))
    log.warn({ ...fields, err: (err as Error).message }, `${what}: the store was closed (shutting down)`);
  else log.error({ ...fields, err }, what);
}

/**
 * Kysely's refusal once the store is closed: only on shutdown, where work the last disconnections
 * started (a broadcast of who left) may still be on its way. Not a fault.
 */
function isStoreClosed(err: unknown): boolean {
  return err instanceof Error && err.message === 'driver has already been destroyed';
}
