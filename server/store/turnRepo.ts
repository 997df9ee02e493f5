import type { Db, TurnsTable } from './db.js';
import { withVoice } from '../sessions/voices.js';
import { inTransaction, lockForNumbering } from './gate.js';

/** Who held the floor, from when to when, for the published record. */
export function createTurnRepo(db: Db) {
  return {
    /** Ends the open turn, if any, and starts the next one (null: the floor went back to the moderator). */
    async change(
      sessionId: string,
      next: Omit<TurnsTable, 'session_id' | 'seq' | 'ended_at'> | null,
      at: string,
    ) {
      await inTransaction(db, async (trx) => {
        await lockForNumbering(trx, sessionId);
        await trx
          .updateTable('turns')
          .set({ ended_at: at })
          .where('session_id', '=', sessionId)
          .where('ended_at', 'is', null)
          .execute();
        if (!next) return;
        const last = await trx
          .selectFrom('turns')
          .select((eb) => eb.fn.max('seq').as('max'))
          .where('session_id', '=', sessionId)
          .executeTakeFirst();
        await trx
          .insertInto('turns')
          .values({ ...next, session_id: sessionId, seq: Number(last?.max ?? 0) + 1, ended_at: null })
          .execute();
      });
    },

    /**
     * Someone voices the open turn now (a signing speaker, queue rules Q19-Q21), by name: added to
     * who voiced it before, in order; nobody (null) takes nobody off the list.
     */
    async voice(sessionId: string, voicedBy: string | null) {
      await inTransaction(db, async (trx) => {
        const open = await trx
          .selectFrom('turns')
          .select(['seq', 'voiced_by'])
          .where('session_id', '=', sessionId)
          .where('ended_at', 'is', null)
          .executeTakeFirst();
        if (!open) return;
        await trx
          .updateTable('turns')
          .set({ voiced_by: withVoice(open.voiced_by, voicedBy) })
          .where('session_id', '=', sessionId)
          .where('seq', '=', open.seq)
          .execute();
      });
    },

    async list(sessionId: string): Promise<TurnsTable[]> {
      return db.selectFrom('turns').selectAll().where('session_id', '=', sessionId).orderBy('seq').execute();
    },
  };
}

export type TurnRepo = ReturnType<typeof createTurnRepo>;
