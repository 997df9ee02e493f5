import { createHash, timingSafeEqual } from 'node:crypto';

/** What the access decision reads from a request to `/metrics`. */
export interface MetricsRequest {
  /** The TCP peer (`req.socket.remoteAddress`), not a forwarded address. */
  remoteAddress: string | undefined;
  /** The request came through a proxy (it carries `X-Forwarded-For` or `Forwarded`). */
  forwarded: boolean;
  /** The `Authorization` header, as sent. */
  authorization: string | undefined;
}

export type MetricsAccess = { ok: true } | { ok: false; status: 401 | 403; message: string };

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const digest = (s: string) => createHash('sha256').update(s).digest();

export const METRICS_NEED_TOKEN =
  'Metrics need the METRICS_TOKEN of this server: send "Authorization: Bearer <token>".';
export const METRICS_LOOPBACK_ONLY =
  'Metrics answer only requests from this machine (loopback), not through a proxy. ' +
  'Set METRICS_TOKEN to scrape from elsewhere.';

/**
 * M1: who may read a node's metrics (they name sessions and show load, so they are for the
 * operator). With METRICS_TOKEN set, whoever sends it as a Bearer token, from anywhere. Without,
 * only a client on this machine that connects directly: a proxy on the same machine (HAProxy in
 * front of the nodes) connects from loopback too, so a forwarded request is refused.
 */
export function metricsAccess(req: MetricsRequest, token: string | null): MetricsAccess {
  if (token !== null) {
    const bearer = /^Bearer (.+)$/i.exec(req.authorization ?? '')?.[1];
    if (bearer !== undefined && timingSafeEqual(digest(bearer), digest(token))) return { ok: true };
    return { ok: false, status: 401, message: METRICS_NEED_TOKEN };
  }
  if (!req.forwarded && req.remoteAddress !== undefined && LOOPBACK.has(req.remoteAddress)) {
    return { ok: true };
  }
  return { ok: false, status: 403, message: METRICS_LOOPBACK_ONLY };
}
