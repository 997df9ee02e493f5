import { isStoreUnavailable, STORE_UNAVAILABLE_MESSAGE } from '../store/unavailable.js';
import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import type { ApiError } from '../../shared/protocol.js';
import { createLogger } from '../log.js';

const log = createLogger('api');

export function sendError(
  res: Response,
  status: number,
  error: string,
  message: string,
  extra?: Partial<ApiError>,
) {
  const body: ApiError = { error, message, ...extra };
  res.status(status).json(body);
}

/**
 * Parses input with its schema (of either Zod build: the registration schemas are zod/mini's); on
 * failure answers 400 with every issue and returns undefined.
 */
export function parseOr400<S extends z.core.$ZodType>(
  res: Response,
  schema: S,
  input: unknown,
): z.infer<S> | undefined {
  const parsed = z.safeParse(schema, input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  sendError(res, 400, 'invalid-request', issues.map((i) => `${i.path || 'body'}: ${i.message}`).join(' '), {
    issues,
  });
  return undefined;
}

/** Last resort: malformed JSON gets a 400, anything else a 500 without internals. */
export function apiErrorHandler(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const status = (err as { status?: number }).status;
  if (status && status >= 400 && status < 500) {
    sendError(res, status, 'invalid-request', (err as Error).message);
    return;
  }
  if (isStoreUnavailable(err)) {
    log.warn({ err: (err as Error).message }, 'request refused: the store is out of reach');
    if (!res.headersSent) {
      res.set('Retry-After', '2');
      sendError(res, 503, 'unavailable', STORE_UNAVAILABLE_MESSAGE);
    }
    return;
  }
  log.error({ err }, 'unhandled API error');
  // A handler that failed after answering: a second answer would throw again.
  if (!res.headersSent) sendError(res, 500, 'internal-error', 'The server could not complete this request.');
}
