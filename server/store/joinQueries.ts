import DataLoader from 'dataloader';
import { sql } from 'kysely';
import { AUDIENCE_ROLES, INVITE_ROLES, type InviteRole } from '../../shared/roles.js';
import type { Db, InvitesTable, SessionsTable } from './db.js';
import { isPostgres, lockForNumbering } from './gate.js';

export type SessionRow = SessionsTable;
export type InviteRow = Omit<InvitesTable, 'role'> & { role: InviteRole };
export interface InviteAndSession {
  invite: InviteRow;
  session: SessionRow;
}

const STAFF_ROLES = INVITE_ROLES.filter((r) => !AUDIENCE_ROLES.includes(r));

/** Every column of a session, read beside an invite's (getInviteAndSession). */
const SESSION_COLUMNS = [
  'id',
  'title',
  'starts_at',
  'ends_at',
  'time_zone',
  'created_at',
  'active_interpreter_id',
  'description',
  'focus',
  'capacity',
  'speaking_limit_ms',
  'public_comments',
  'offered',
  'status',
  'record_published_at',
  'require_email_confirmation',
  'caption_pens',
] as const satisfies readonly (keyof SessionsTable)[];
// Prefixed apart from the invite's own columns (it has a session_id of its own).
const PREFIX = 'session__';
const JOINED_SESSION_COLUMNS = sql.raw(
  SESSION_COLUMNS.map((c) => `sessions.${c} as ${PREFIX}${c}`).join(', '),
);
// A column added to the table and not to the list fails to compile here.
const everySessionColumn: Exclude<keyof SessionsTable, (typeof SESSION_COLUMNS)[number]> extends never
  ? true
  : never = true;
void everySessionColumn;

/** A join's mark: who joined, in which session, under which name, when. */
type Mark = readonly [inviteId: string, sessionId: string, name: string, now: Date];

/** Most requests one batched query answers: a join storm's turn of the loop rarely has more. */
const MAX_BATCH = 500;

/**
 * The three queries every join makes (its link's check, its mark, the room's team list), as plain
 * queries on `db`. On the store itself (not inside a transaction) each is batched too: whoever asks
 * during one turn of the event loop is answered by one query run at the end of that turn, after
 * every request in it was made, so none reads older data than it would have alone. A join storm's
 * turns each bring many joins; one query per join was a quarter of what a join cost the server.
 */
export function createJoinQueries(db: Db) {
  const plain = {
    /**
     * An invite and its session in one query: every command, caption POST and handshake checks
     * both, and two queries each was a fifth of what a join cost the store.
     */
    async getInviteAndSession(id: string): Promise<InviteAndSession | undefined> {
      return (await invitesAndSessions(db, [id])).get(id);
    },

    /**
     * Records that someone joined under this name; the first time, also when, and their place in
     * the session's join order (its highest + 1). On PostgreSQL the session's row is locked first
     * so two nodes cannot take the same place.
     */
    markJoined(inviteId: string, sessionId: string, name: string, now: Date): Promise<void> {
      return markAll(db, [[inviteId, sessionId, name, now]]);
    },

    /**
     * Everyone who has joined the session at least once, in the order they first joined. With
     * `staffAnd`, only the staff and that one person: the public can be thousands, and a join must
     * not cost a read of all of them.
     */
    listJoined(sessionId: string, staffAnd?: string | null): Promise<InviteRow[]> {
      return listJoined(db, sessionId, staffAnd);
    },
  };
  if (db.isTransaction) return plain;

  const options = { cache: false, maxBatchSize: MAX_BATCH, batchScheduleFn: endOfTurn };
  const reads = new DataLoader<string, InviteAndSession | undefined>(async (ids) => {
    const found = await invitesAndSessions(db, [...new Set(ids)]);
    return ids.map((id) => found.get(id));
  }, options);
  const marks = new DataLoader<Mark, void>(async (all) => {
    await markAll(db, all);
    return all.map(() => undefined);
  }, options);
  // The same list asked by many joins at once is read once for all of them.
  const lists = new DataLoader<string, InviteRow[]>(async (keys) => {
    const read = new Map<string, Promise<InviteRow[]>>();
    for (const key of new Set(keys)) {
      const [sessionId, staffAnd, everyone] = JSON.parse(key) as [string, string | null, boolean];
      read.set(key, listJoined(db, sessionId, everyone ? undefined : staffAnd));
    }
    return Promise.all(keys.map((key) => read.get(key)!));
  }, options);
  return {
    getInviteAndSession: (id: string) => reads.load(id),
    markJoined: (inviteId: string, sessionId: string, name: string, now: Date) =>
      marks.load([inviteId, sessionId, name, now]),
    listJoined: (sessionId: string, staffAnd?: string | null) =>
      lists.load(JSON.stringify([sessionId, staffAnd ?? null, staffAnd === undefined])),
  };
}

// Kept to itself: a test that fakes the timers after this module loads must not stop the store.
const setImmediateOfThisModule = setImmediate;
function endOfTurn(run: () => void): void {
  setImmediateOfThisModule(run);
}

async function invitesAndSessions(db: Db, ids: readonly string[]): Promise<Map<string, InviteAndSession>> {
  // Raw SQL with the column list made once: built with Kysely's builder, the sixteen aliased
  // columns cost more to compile on every call than the second query they save.
  const { rows } = await sql<Record<string, unknown>>`
    select invites.*, ${JOINED_SESSION_COLUMNS} from invites
    join sessions on sessions.id = invites.session_id
    where invites.id in (${sql.join(ids)})`.execute(db);
  const found = new Map<string, InviteAndSession>();
  // Which column goes where, found once per batch (not once per column of every row).
  const shape = Object.keys(rows[0] ?? {}).map((column) => {
    const ofSession = column.startsWith(PREFIX);
    return [column, ofSession, ofSession ? column.slice(PREFIX.length) : column] as const;
  });
  for (const row of rows) {
    const invite: Record<string, unknown> = {};
    const session: Record<string, unknown> = {};
    for (const [column, ofSession, key] of shape) (ofSession ? session : invite)[key] = row[column];
    found.set(invite.id as string, {
      invite: invite as InviteRow,
      session: session as unknown as SessionRow,
    });
  }
  return found;
}

/**
 * The marks in one transaction, in the order they came: each first join is numbered after the ones
 * before it. Written as SQL: building it with the query builder cost twice its run.
 */
async function markAll(db: Db, marks: readonly Mark[]): Promise<void> {
  const mark = (q: Db, [inviteId, sessionId, name, now]: Mark) =>
    sql`
    update invites set
      name = ${name},
      joined_at = coalesce(joined_at, ${now.toISOString()}),
      join_order = coalesce(join_order, (
        select coalesce(max(others.join_order), 0) + 1 from invites as others
        where others.session_id = ${sessionId}))
    where id = ${inviteId}`.execute(q);
  if (marks.length === 1 && !isPostgres(db)) return void (await mark(db, marks[0]!));
  await db.transaction().execute(async (trx) => {
    // Sessions locked in one order, so that two nodes' batches never wait for each other.
    for (const sessionId of [...new Set(marks.map((m) => m[1]))].sort())
      await lockForNumbering(trx, sessionId);
    for (const m of marks) await mark(trx, m);
  });
}

async function listJoined(db: Db, sessionId: string, staffAnd?: string | null): Promise<InviteRow[]> {
  const joined = db
    .selectFrom('invites')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('joined_at', 'is not', null)
    .where('revoked_at', 'is', null);
  if (staffAnd === undefined) return (await joined.orderBy('join_order').execute()) as InviteRow[];
  // The staff by their role's index, and the one member of the public by id, put in order
  // here: a few rows. Ordered in SQL, SQLite walks the whole audience in join order instead,
  // for every join, which made a join storm cost its square.
  const staff = joined.where('role', 'in', STAFF_ROLES);
  const rows = staffAnd ? staff.union(joined.where('id', '=', staffAnd)) : staff;
  const found = (await rows.execute()) as InviteRow[];
  return found.sort((a, b) => (a.join_order ?? 0) - (b.join_order ?? 0));
}
