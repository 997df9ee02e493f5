import { Router } from 'express';
import { metricsAccess } from './access.js';
import type { Metrics } from './metrics.js';

export interface MetricsRouteDeps {
  metrics: Metrics;
  /** METRICS_TOKEN; null: only loopback clients may read the metrics. */
  token: string | null;
}

/** `GET /metrics`: this node's metrics in Prometheus's text format, for the operator only (M1). */
export function createMetricsRouter(deps: MetricsRouteDeps): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    const access = metricsAccess(
      {
        remoteAddress: req.socket.remoteAddress,
        forwarded: req.get('x-forwarded-for') !== undefined || req.get('forwarded') !== undefined,
        authorization: req.get('authorization'),
      },
      deps.token,
    );
    res.set('Cache-Control', 'no-store');
    if (!access.ok) {
      if (access.status === 401) res.set('WWW-Authenticate', 'Bearer realm="metrics"');
      return void res.status(access.status).type('text/plain').send(access.message);
    }
    const { contentType, body } = await deps.metrics.exposition();
    res.type(contentType).send(body);
  });
  return router;
}
