import { lockForNumbering } from './gate.js';
import type { RegistrationChange, RegistrationInput, RegistrationStatus } from '../../shared/sessions.js';
import type { Db, RegistrationsTable } from './db.js';
import { newId } from './repo.js';

export type RegistrationRow = Omit<RegistrationsTable, 'status'> & { status: RegistrationStatus };

/** Registrations of the public: one per email per session, in the order people first registered. */
export function createRegistrationRepo(db: Db) {
  return {
    async findByEmail(sessionId: string, email: string): Promise<RegistrationRow | undefined> {
      return (await db
        .selectFrom('registrations')
        .selectAll()
        .where('session_id', '=', sessionId)
        .where('email', '=', email)
        .executeTakeFirst()) as RegistrationRow | undefined;
    },

    async get(id: string): Promise<RegistrationRow | undefined> {
      return (await db.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirst()) as
        RegistrationRow | undefined;
    },

    async list(sessionId: string): Promise<RegistrationRow[]> {
      return (await db
        .selectFrom('registrations')
        .selectAll()
        .where('session_id', '=', sessionId)
        .orderBy('registered_order')
        .execute()) as RegistrationRow[];
    },

    async countRegistered(sessionId: string): Promise<number> {
      const row = await db
        .selectFrom('registrations')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('session_id', '=', sessionId)
        .where('status', '=', 'registered')
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async insert(
      sessionId: string,
      input: RegistrationInput,
      status: RegistrationStatus,
      now: Date,
    ): Promise<RegistrationRow> {
      return db.transaction().execute(async (trx) => {
        await lockForNumbering(trx, sessionId);
        const last = await trx
          .selectFrom('registrations')
          .select((eb) => eb.fn.max('registered_order').as('max'))
          .where('session_id', '=', sessionId)
          .executeTakeFirst();
        const row: RegistrationRow = {
          id: newId(),
          session_id: sessionId,
          registered_order: Number(last?.max ?? 0) + 1,
          status,
          invite_id: null,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
          reminded_at: null,
          ...columnsOf(input),
        };
        await trx.insertInto('registrations').values(row).execute();
        return row;
      });
    },

    /** The registrant's own change through their manage link; the email never changes. */
    async change(id: string, change: RegistrationChange, now: Date): Promise<void> {
      await db
        .updateTable('registrations')
        .set({
          ...(change.name !== undefined && { name: change.name }),
          ...(change.organization !== undefined && { organization: change.organization }),
          ...(change.affiliation !== undefined && { affiliation: change.affiliation }),
          ...(change.wishToSpeak !== undefined && { wish_to_speak: change.wishToSpeak ? 1 : 0 }),
          ...(change.topic !== undefined && { topic: change.topic }),
          ...(change.signs !== undefined && { signs: change.signs ? 1 : 0 }),
          ...(change.accommodations !== undefined && { requested: JSON.stringify(change.accommodations) }),
          updated_at: now.toISOString(),
        })
        .where('id', '=', id)
        .execute();
    },

    /** The first in line on the waitlist, if any. */
    async firstWaitlisted(sessionId: string): Promise<RegistrationRow | undefined> {
      return (await db
        .selectFrom('registrations')
        .selectAll()
        .where('session_id', '=', sessionId)
        .where('status', '=', 'waitlisted')
        .orderBy('registered_order')
        .executeTakeFirst()) as RegistrationRow | undefined;
    },

    /** Registered people of these sessions who have not had their reminder yet. */
    async unreminded(sessionIds: string[]): Promise<RegistrationRow[]> {
      if (sessionIds.length === 0) return [];
      return (await db
        .selectFrom('registrations')
        .selectAll()
        .where('session_id', 'in', sessionIds)
        .where('status', '=', 'registered')
        .where('reminded_at', 'is', null)
        .orderBy('registered_order')
        .execute()) as RegistrationRow[];
    },

    /**
     * Claims the person's reminder: true for the one caller (of every node) that marks it sent,
     * false when another already did. Claimed before sending, so no one is reminded twice.
     */
    async markReminded(id: string, now: Date): Promise<boolean> {
      const result = await db
        .updateTable('registrations')
        .set({ reminded_at: now.toISOString() })
        .where('id', '=', id)
        .where('reminded_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Gives a claimed reminder back when it could not be sent, so a later run tries again. */
    async unmarkReminded(id: string): Promise<void> {
      await db.updateTable('registrations').set({ reminded_at: null }).where('id', '=', id).execute();
    },

    /** Registering again after cancelling takes the new details; the place in line stays. */
    async update(id: string, input: RegistrationInput, now: Date): Promise<void> {
      await db
        .updateTable('registrations')
        .set({ ...columnsOf(input), updated_at: now.toISOString() })
        .where('id', '=', id)
        .execute();
    },

    /**
     * Whether the person with this link signs (ASL): a moderator's mark on the link (policy A40),
     * else what they answered when registering, else no.
     */
    async signs(inviteId: string): Promise<boolean> {
      const row = await db
        .selectFrom('invites')
        .leftJoin('registrations', 'registrations.invite_id', 'invites.id')
        .select(['invites.signs as marked', 'registrations.signs as registered'])
        .where('invites.id', '=', inviteId)
        .executeTakeFirst();
      return (row?.marked ?? row?.registered ?? 0) === 1;
    },

    /** A40: a moderator marks the person with this link of the session as signing, or not. */
    async markSigns(sessionId: string, inviteId: string, signs: boolean): Promise<boolean> {
      const result = await db
        .updateTable('invites')
        .set({ signs: signs ? 1 : 0 })
        .where('id', '=', inviteId)
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async setStatus(id: string, status: RegistrationStatus, inviteId: string | null, now: Date) {
      await db
        .updateTable('registrations')
        .set({ status, invite_id: inviteId, updated_at: now.toISOString() })
        .where('id', '=', id)
        .execute();
    },
  };
}

function columnsOf(input: RegistrationInput) {
  return {
    email: input.email,
    name: input.name,
    organization: input.organization,
    affiliation: input.affiliation,
    wish_to_speak: input.wishToSpeak ? 1 : 0,
    topic: input.topic,
    signs: input.signs ? 1 : 0,
    requested: JSON.stringify(input.accommodations),
  };
}

export type RegistrationRepo = ReturnType<typeof createRegistrationRepo>;
