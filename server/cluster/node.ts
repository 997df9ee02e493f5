import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { createLogger } from '../log.js';
import { createPresence, type Presence } from '../room/presence.js';
import type { Db } from '../store/db.js';
import { createLocalGate, createSharedGate, type SessionGate } from '../store/gate.js';
import { createClusterPresence, type ClusterPresence } from './presence.js';

export interface NodeParts {
  gate: SessionGate;
  presence: Presence;
  /** The cluster's presence, to start and stop with the node; null for the only node. */
  cluster: ClusterPresence | null;
}

/**
 * What differs between the only node and one of several (N1, N3): how changes to a session take
 * turns, and where presence is kept. Everything else is the same code on both.
 */
export function nodeParts(o: {
  db: Db;
  redis: Redis | null | undefined;
  nowMs: () => number;
  /** People whose node died: their sessions must be told who is still here. */
  onNodesLost: (gone: { sessionId: string; inviteId: string }[]) => void;
}): NodeParts {
  if (!o.redis) return { gate: createLocalGate(o.db, o.nowMs), presence: createPresence(), cluster: null };
  const cluster = createClusterPresence({
    db: o.db,
    nodeId: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    log: createLogger('cluster'),
    onNodesLost: o.onNodesLost,
  });
  return { gate: createSharedGate(o.db), presence: cluster, cluster };
}
