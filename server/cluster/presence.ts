import { sql } from 'kysely';
import type { Logger } from 'pino';
import { createKeyedSerial } from '../lib/keyedSerial.js';
import { createLocalCounts, type Presence } from '../room/presence.js';
import type { Db } from '../store/db.js';

/** How often a node says it is alive. */
export const HEARTBEAT_MS = 1000;
/** A node silent this long is taken for dead: its connections no longer count, and it is removed. */
export const NODE_TTL_MS = 5000;

/** Now by the database's clock, in ms: every node agrees on it. */
const dbNowMs = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::float8`;

export interface ClusterPresence extends Presence {
  /** Says this node is alive, with its connections, then goes on saying so every HEARTBEAT_MS. */
  start(): Promise<void>;
  /** Takes this node and its connections out at once (a stop), rather than after NODE_TTL_MS. */
  stop(): Promise<void>;
}

export interface ClusterPresenceDeps {
  db: Db;
  nodeId: string;
  log: Logger;
  /** People whose connections went with a dead node: their sessions must be told again. */
  onNodesLost: (gone: { sessionId: string; inviteId: string }[]) => void;
}

/**
 * Presence across nodes, in the shared PostgreSQL store: each node writes who is connected to it
 * (one row per person per session per node, written when their first connection to the node opens
 * and removed when their last closes) and beats every second. Reads count only nodes that beat
 * recently, so a killed node's people stop counting within NODE_TTL_MS, and the first node to see
 * it removes its rows and has the sessions told.
 */
export function createClusterPresence(deps: ClusterPresenceDeps): ClusterPresence {
  const { db, nodeId, log } = deps;
  const here = createLocalCounts();
  let beat: NodeJS.Timeout | null = null;
  let stopped = false;

  const alive = () => sql<boolean>`n.seen_ms >= ${dbNowMs} - ${NODE_TTL_MS}`;
  const online = (sessionId: string) =>
    db
      .selectFrom('presence as p')
      .innerJoin('nodes as n', 'n.id', 'p.node_id')
      .where('p.session_id', '=', sessionId)
      .where(alive());

  async function register() {
    await db
      .insertInto('nodes')
      .values({ id: nodeId, seen_ms: dbNowMs })
      .onConflict((oc) => oc.column('id').doUpdateSet({ seen_ms: dbNowMs }))
      .execute();
    const rows = [...here.entries()].map(([session_id, invite_id]) => ({
      node_id: nodeId,
      session_id,
      invite_id,
    }));
    if (rows.length > 0)
      await db
        .insertInto('presence')
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .execute();
  }

  async function heartbeat() {
    const seen = await db
      .updateTable('nodes')
      .set({ seen_ms: dbNowMs })
      .where('id', '=', nodeId)
      .executeTakeFirst();
    // Taken for dead (this process was stopped, or cut from the store, too long): back, with its people.
    if (seen.numUpdatedRows === 0n) {
      log.warn('This node had been taken for dead by the others: it is back');
      await register();
    }
    const gone = await db.transaction().execute(async (trx) => {
      const dead = await trx
        .deleteFrom('nodes')
        .where('seen_ms', '<', sql<number>`${dbNowMs} - ${NODE_TTL_MS}`)
        .returning('id')
        .execute();
      if (dead.length === 0) return [];
      log.warn({ nodes: dead.map((d) => d.id) }, 'Nodes stopped answering: their connections are gone');
      return trx
        .deleteFrom('presence')
        .where(
          'node_id',
          'in',
          dead.map((d) => d.id),
        )
        .returning(['session_id as sessionId', 'invite_id as inviteId'])
        .execute();
    });
    if (gone.length > 0) deps.onNodesLost(gone);
  }

  /**
   * Makes the store say what this node knows of one person, one write at a time per person, so
   * that a connection that closes right after it opened never leaves a row behind.
   */
  const writes = createKeyedSerial();
  const sync = (sessionId: string, inviteId: string) =>
    writes(`${sessionId} ${inviteId}`, async () => {
      if (stopped) return;
      const row = { node_id: nodeId, session_id: sessionId, invite_id: inviteId };
      if (here.has(sessionId, inviteId)) {
        await db
          .insertInto('presence')
          .values(row)
          .onConflict((oc) => oc.doNothing())
          .execute();
      } else {
        await db
          .deleteFrom('presence')
          .where('node_id', '=', nodeId)
          .where('session_id', '=', sessionId)
          .where('invite_id', '=', inviteId)
          .execute();
      }
    });

  return {
    async add(sessionId, inviteId) {
      const first = here.add(sessionId, inviteId);
      if (first) await sync(sessionId, inviteId);
      return first;
    },
    async remove(sessionId, inviteId) {
      if (!here.remove(sessionId, inviteId)) return false;
      await sync(sessionId, inviteId);
      if (stopped) return false;
      const elsewhere = await online(sessionId)
        .where('p.invite_id', '=', inviteId)
        .select('p.node_id')
        .executeTakeFirst();
      return !elsewhere;
    },
    localCount: (sessionId) => here.peopleCount(sessionId),
    async onlineAmong(sessionId, ids) {
      if (ids.length === 0) return new Set<string>();
      const rows = await online(sessionId)
        .where('p.invite_id', 'in', ids)
        .select('p.invite_id')
        .distinct()
        .execute();
      return new Set(rows.map((r) => r.invite_id));
    },
    async onlineIds(sessionId) {
      const rows = await online(sessionId).select('p.invite_id').distinct().execute();
      return new Set(rows.map((r) => r.invite_id));
    },
    async onlineCount(sessionId) {
      const row = await online(sessionId)
        .select((eb) => eb.fn.count<string>('p.invite_id').distinct().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async start() {
      await register();
      let beating = false;
      beat = setInterval(() => {
        if (beating) return;
        beating = true;
        heartbeat()
          .catch((err: unknown) => log.warn({ err }, 'The heartbeat could not reach the store'))
          .finally(() => (beating = false));
      }, HEARTBEAT_MS);
      beat.unref();
    },
    async stop() {
      stopped = true;
      if (beat) clearInterval(beat);
      await db.deleteFrom('presence').where('node_id', '=', nodeId).execute();
      await db.deleteFrom('nodes').where('id', '=', nodeId).execute();
    },
  };
}
