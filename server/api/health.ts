import { Router } from 'express';
import type { MediaEffects } from '../livekit/effects.js';
import type { MediaHealth } from '../livekit/health.js';
import type { Repo } from '../store/repo.js';

export interface HealthDeps {
  repo: Repo;
  /** Null: no media server is configured or could be started. */
  mediaHealth: MediaHealth | null;
  mediaConfigured: boolean;
  effects: MediaEffects | null;
  /** True once the server has begun to stop: a load balancer should send nobody new. */
  stopping: () => boolean;
}

/** The readiness check's answer; `degraded` still serves (captions and the queue need no media). */
export interface Readiness {
  status: 'ready' | 'degraded' | 'unavailable' | 'stopping';
  store: 'ok' | 'unreachable';
  media: 'ok' | 'unreachable' | 'not-configured';
  /** Why the media server counts as down. */
  mediaProblem?: string;
  /** Media operations (grants, removals) waiting to be carried out. */
  mediaPending: number;
}

/**
 * H1: `GET /api/health/live` (also `/healthz`, the name load balancers and Kubernetes use) answers while the process serves requests (restart it when not).
 * H2: `GET /api/health/ready` (also `/readyz`) answers 200 while this node can serve sessions: the store answers and
 * the server is not stopping; 503 otherwise. The body says how each part is, so an operator sees
 * that media is down ("degraded") without taking a node that still carries captions out of service.
 */
export function createHealthRouter(deps: HealthDeps): Router {
  const router = Router();
  router.get(['/api/health/live', '/healthz'], (_req, res) => void res.json({ status: 'ok' }));
  router.get(['/api/health/ready', '/readyz'], async (_req, res) => {
    const store = await deps.repo.ping().then(
      () => 'ok' as const,
      () => 'unreachable' as const,
    );
    const problem = deps.mediaHealth?.problem() ?? null;
    const media = !deps.mediaConfigured ? 'not-configured' : problem ? 'unreachable' : 'ok';
    const status: Readiness['status'] = deps.stopping()
      ? 'stopping'
      : store !== 'ok'
        ? 'unavailable'
        : media === 'ok'
          ? 'ready'
          : 'degraded';
    const body: Readiness = {
      status,
      store,
      media,
      ...(problem ? { mediaProblem: problem } : {}),
      mediaPending: deps.effects?.pending() ?? 0,
    };
    res
      .status(status === 'ready' || status === 'degraded' ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(body);
  });
  return router;
}
