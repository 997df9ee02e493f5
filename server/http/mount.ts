import type { Express } from 'express';
import { createApiRouter, type ApiDeps } from '../api/router.js';
import { createHealthRouter, type HealthDeps } from '../api/health.js';
import { createMetricsRouter, type MetricsRouteDeps } from '../metrics/route.js';
import { createWebRouter } from '../web.js';
import { createSecurityHeaders, type SecurityOptions } from './security.js';

export interface HttpParts {
  security: SecurityOptions;
  health: HealthDeps;
  metrics: MetricsRouteDeps;
  api: ApiDeps;
  web: Parameters<typeof createWebRouter>[0];
}

/**
 * Everything the HTTP side answers, in the order a request meets it: security headers on every
 * answer; the health probes and the metrics before the API's rate limit (a load balancer and
 * Prometheus ask often, from one address); then the API under /api; then the pages.
 */
export function mountHttp(app: Express, parts: HttpParts): void {
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(createSecurityHeaders(parts.security));
  app.use(createHealthRouter(parts.health));
  app.use(createMetricsRouter(parts.metrics));
  app.use('/api', createApiRouter(parts.api));
  app.use(createWebRouter(parts.web));
}
