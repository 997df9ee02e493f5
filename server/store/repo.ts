import { randomBytes } from 'node:crypto';
import type { SessionSummary } from '../../shared/protocol.js';
import type { z } from 'zod';
import type { InviteRole } from '../../shared/index.js';
import { AUDIENCE_ROLES, INVITE_ROLES } from '../../shared/roles.js';
import { createSessionSchema, type UpdateSessionInput } from '../../shared/schemas.js';
import type { SessionStatus } from '../../shared/sessions.js';
import type { QueueState } from '../../shared/queue.js';
import { sql } from 'kysely';
import type { Db, InvitesTable, SessionsTable } from './db.js';
import { isPostgres, lockForNumbering } from './gate.js';

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
const JOINED_SESSION_COLUMNS = sql.raw(
  SESSION_COLUMNS.map((c) => `sessions.${c} as session__${c}`).join(', '),
);
// A column added to the table and not to the list fails to compile here.
const everySessionColumn: Exclude<keyof SessionsTable, (typeof SESSION_COLUMNS)[number]> extends never
  ? true
  : never = true;
void everySessionColumn;

export type SessionRow = SessionsTable;
export type CreateSessionRequest = z.input<typeof createSessionSchema>;
export type InviteRow = Omit<InvitesTable, 'role'> & { role: InviteRole };

/** A fresh opaque id: 16 URL-safe characters (96 random bits). */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

export function toSummary(s: SessionRow): SessionSummary {
  return {
    id: s.id,
    title: s.title,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    timeZone: s.time_zone,
    status: s.status,
  };
}

function inviteRow(
  sessionId: string,
  role: InviteRole,
  name: string,
  expiresAt: string,
  now: Date,
  language: string | null = null,
) {
  const row: InviteRow = {
    id: newId(),
    session_id: sessionId,
    role,
    name,
    expires_at: expiresAt,
    created_at: now.toISOString(),
    revoked_at: null,
    joined_at: null,
    join_order: null,
    host: 0,
    language,
  };
  return row;
}

/** The store's operations, one place for every query so a second dialect changes nothing else. */
export function createRepo(db: Db) {
  return {
    /** Takes the API's input; the fields it leaves out get the schema's defaults. */
    async createSession(input: CreateSessionRequest, now: Date): Promise<SessionRow> {
      const s = createSessionSchema.parse(input);
      const row: SessionRow = {
        id: newId(),
        title: s.title,
        starts_at: new Date(s.startsAt).toISOString(),
        ends_at: new Date(s.endsAt).toISOString(),
        time_zone: s.timeZone,
        created_at: now.toISOString(),
        active_interpreter_id: null,
        description: s.description,
        focus: s.focus,
        capacity: s.capacity,
        speaking_limit_ms: s.speakingLimitSeconds * 1000,
        public_comments: s.publicComments ? 1 : 0,
        offered: JSON.stringify(s.offered),
        status: 'scheduled',
        record_published_at: null,
        require_email_confirmation: s.requireEmailConfirmation ? 1 : 0,
        caption_pens: null,
      };
      await db.insertInto('sessions').values(row).execute();
      return row;
    },

    async updateSession(id: string, change: UpdateSessionInput): Promise<void> {
      await db
        .updateTable('sessions')
        .set({
          ...(change.title !== undefined && { title: change.title }),
          ...(change.description !== undefined && { description: change.description }),
          ...(change.focus !== undefined && { focus: change.focus }),
          ...(change.startsAt !== undefined && { starts_at: new Date(change.startsAt).toISOString() }),
          ...(change.endsAt !== undefined && { ends_at: new Date(change.endsAt).toISOString() }),
          ...(change.timeZone !== undefined && { time_zone: change.timeZone }),
          ...(change.capacity !== undefined && { capacity: change.capacity }),
          ...(change.speakingLimitSeconds !== undefined && {
            speaking_limit_ms: change.speakingLimitSeconds * 1000,
          }),
          ...(change.publicComments !== undefined && { public_comments: change.publicComments ? 1 : 0 }),
          ...(change.offered !== undefined && { offered: JSON.stringify(change.offered) }),
          ...(change.requireEmailConfirmation !== undefined && {
            require_email_confirmation: change.requireEmailConfirmation ? 1 : 0,
          }),
        })
        .where('id', '=', id)
        .execute();
    },

    /** Moves a session from one status to the next; false when it was no longer in `from`. */
    async setStatus(id: string, from: readonly SessionStatus[], to: SessionStatus): Promise<boolean> {
      const result = await db
        .updateTable('sessions')
        .set({ status: to })
        .where('id', '=', id)
        .where('status', 'in', from)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async publishRecord(id: string, now: Date): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ record_published_at: now.toISOString() })
        .where('id', '=', id)
        .execute();
    },

    /** Every session, soonest first. */
    async listSessions(): Promise<SessionRow[]> {
      return db.selectFrom('sessions').selectAll().orderBy('starts_at').orderBy('id').execute();
    },

    /** The staff and public links of a session, in the order they were made. */
    async listInvites(sessionId: string): Promise<InviteRow[]> {
      return (await db
        .selectFrom('invites')
        .selectAll()
        .where('session_id', '=', sessionId)
        .orderBy('created_at')
        .orderBy('id')
        .execute()) as InviteRow[];
    },

    async getSession(id: string): Promise<SessionRow | undefined> {
      return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async setActiveInterpreter(sessionId: string, inviteId: string | null): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ active_interpreter_id: inviteId })
        .where('id', '=', sessionId)
        .execute();
    },

    async createInvite(
      sessionId: string,
      role: InviteRole,
      name: string,
      expiresAt: string,
      now: Date,
      language: string | null = null,
    ) {
      const row = inviteRow(sessionId, role, name, expiresAt, now, language);
      await db.insertInto('invites').values(row).execute();
      return row;
    },

    /**
     * The organizer's own moderator link: the live one, its expiry moved to `expiresAt`, or a new
     * one. The unique index invites_one_host keeps it to one when two presses race.
     */
    async hostInvite(sessionId: string, name: string, expiresAt: string, now: Date) {
      const live = async () =>
        (await db
          .selectFrom('invites')
          .selectAll()
          .where('session_id', '=', sessionId)
          .where('host', '=', 1)
          .where('revoked_at', 'is', null)
          .executeTakeFirst()) as InviteRow | undefined;
      const found = await live();
      if (!found) {
        const row = { ...inviteRow(sessionId, 'moderator', name, expiresAt, now), host: 1 };
        const result = await db
          .insertInto('invites')
          .values(row)
          .onConflict((oc) => oc.doNothing())
          .execute();
        if (result[0]?.numInsertedOrUpdatedRows) return { invite: row, created: true };
      }
      const invite = found ?? (await live());
      if (!invite) throw new Error(`hostInvite: no host invite after a conflict in session ${sessionId}`);
      if (invite.expires_at !== expiresAt) {
        await db.updateTable('invites').set({ expires_at: expiresAt }).where('id', '=', invite.id).execute();
      }
      return { invite: { ...invite, expires_at: expiresAt }, created: false };
    },

    async renameInvite(id: string, name: string): Promise<void> {
      await db.updateTable('invites').set({ name }).where('id', '=', id).execute();
    },

    /** A registrant who changes their wish to speak becomes a speaker or an attendee on their next join. */
    async setInviteRole(id: string, role: InviteRole): Promise<void> {
      await db.updateTable('invites').set({ role }).where('id', '=', id).execute();
    },

    /**
     * An invite and its session in one query: every command, caption POST and handshake checks
     * both, and two queries each was a fifth of what a join cost the store.
     */
    async getInviteAndSession(id: string): Promise<{ invite: InviteRow; session: SessionRow } | undefined> {
      // Raw SQL with the column list made once: built with Kysely's builder, the sixteen aliased
      // columns cost more to compile on every call than the second query they save.
      const { rows } = await sql<Record<string, unknown>>`
        select invites.*, ${JOINED_SESSION_COLUMNS} from invites
        join sessions on sessions.id = invites.session_id
        where invites.id = ${id}`.execute(db);
      const row = rows[0];
      if (!row) return undefined;
      const invite: Record<string, unknown> = {};
      const session: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(row)) {
        if (column.startsWith('session__')) session[column.slice('session__'.length)] = value;
        else invite[column] = value;
      }
      return { invite: invite as InviteRow, session: session as unknown as SessionRow };
    },

    async getInvite(id: string): Promise<InviteRow | undefined> {
      return (await db.selectFrom('invites').selectAll().where('id', '=', id).executeTakeFirst()) as
        InviteRow | undefined;
    },

    /** Revokes an invite of the session; false when there is no such invite. */
    async revokeInvite(sessionId: string, inviteId: string, now: Date): Promise<boolean> {
      const result = await db
        .updateTable('invites')
        .set({ revoked_at: now.toISOString() })
        .where('id', '=', inviteId)
        .where('session_id', '=', sessionId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Records that the person joined, with the name they chose on the pre-join page. */
    /**
     * Records that someone joined under this name; the first time, also when, and their place in
     * the session's join order (its highest + 1). One statement: SQLite runs it alone, and on
     * PostgreSQL the session's row is locked first so two nodes cannot take the same place.
     */
    async markJoined(inviteId: string, sessionId: string, name: string, now: Date): Promise<void> {
      // Written as SQL: building it with the query builder cost twice its run, once per join of a
      // join storm. The first join numbers the invite after the session's last one; later ones keep
      // their number and time.
      const mark = (q: Db) =>
        sql`
        update invites set
          name = ${name},
          joined_at = coalesce(joined_at, ${now.toISOString()}),
          join_order = coalesce(join_order, (
            select coalesce(max(others.join_order), 0) + 1 from invites as others
            where others.session_id = ${sessionId}))
        where id = ${inviteId}`.execute(q);
      if (!isPostgres(db)) return void (await mark(db));
      await db.transaction().execute(async (trx) => {
        await lockForNumbering(trx, sessionId);
        await mark(trx);
      });
    },

    async getQueue(sessionId: string): Promise<QueueState | undefined> {
      const row = await db
        .selectFrom('queues')
        .select('state')
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      if (!row) return undefined;
      // States stored before revisions existed count from zero; before offers, none was pending.
      const state = JSON.parse(row.state) as Partial<QueueState> &
        Pick<QueueState, 'entries' | 'floor' | 'settings'>;
      return { offer: null, lastOutcome: null, ...state, revision: state.revision ?? 0 };
    },

    async saveQueue(sessionId: string, state: QueueState, now: Date): Promise<void> {
      const values = {
        session_id: sessionId,
        state: JSON.stringify(state),
        updated_at: now.toISOString(),
        deadline_at: timerDue(state),
      };
      await db
        .insertInto('queues')
        .values(values)
        .onConflict((oc) =>
          oc.column('session_id').doUpdateSet({
            state: values.state,
            updated_at: values.updated_at,
            deadline_at: values.deadline_at,
          }),
        )
        .execute();
    },

    /** Answers when the store does (the readiness check). */
    async ping(): Promise<void> {
      await sql`select 1`.execute(db);
    },

    /** Sessions whose turn timer runs, wherever it was started: the turn timer's work list. */
    async sessionsWithRunningTimer(): Promise<string[]> {
      const rows = await db
        .selectFrom('queues')
        .select('session_id')
        .where('deadline_at', 'is not', null)
        .execute();
      return rows.map((r) => r.session_id);
    },

    /** The first moderator to have joined, who holds the floor while no speaker does. */
    async firstModeratorName(sessionId: string): Promise<string | null> {
      const row = await db
        .selectFrom('invites')
        .select('name')
        .where('session_id', '=', sessionId)
        .where('role', '=', 'moderator')
        .where('join_order', 'is not', null)
        .orderBy('join_order')
        .limit(1)
        .executeTakeFirst();
      return row?.name ?? null;
    },

    /**
     * Everyone who has joined the session at least once, in the order they first joined. With
     * `staffAnd`, only the staff and that one person: the public can be thousands, and a join must
     * not cost a read of all of them.
     */
    async listJoined(sessionId: string, staffAnd?: string | null): Promise<InviteRow[]> {
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
    },
  };
}

export type Repo = ReturnType<typeof createRepo>;

/** When the turn timer next has work in this queue (an unanswered offer, a running turn), or null. */
function timerDue(state: QueueState): string | null {
  if (state.offer) return new Date(state.offer.expiresAt).toISOString();
  const floor = state.floor;
  return floor?.deadline != null && !floor.expired ? new Date(floor.deadline).toISOString() : null;
}
