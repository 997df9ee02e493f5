import { randomBytes } from 'node:crypto';
import type { SessionSummary } from '../../shared/protocol.js';
import type { z } from 'zod';
import type { InviteRole } from '../../shared/index.js';
import { createSessionSchema, type UpdateSessionInput } from '../../shared/schemas.js';
import type { SessionStatus } from '../../shared/sessions.js';
import type { QueueState } from '../../shared/queue.js';
import { sql } from 'kysely';
import type { Db } from './db.js';
import { createJoinQueries, type InviteRow, type SessionRow } from './joinQueries.js';

export type { InviteRow, SessionRow } from './joinQueries.js';

export type CreateSessionRequest = z.input<typeof createSessionSchema>;

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

    ...createJoinQueries(db),
  };
}

export type Repo = ReturnType<typeof createRepo>;

/** When the turn timer next has work in this queue (an unanswered offer, a running turn), or null. */
function timerDue(state: QueueState): string | null {
  if (state.offer) return new Date(state.offer.expiresAt).toISOString();
  const floor = state.floor;
  return floor?.deadline != null && !floor.expired ? new Date(floor.deadline).toISOString() : null;
}
