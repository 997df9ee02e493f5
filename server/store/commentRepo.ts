import type { CommentKind, CommentSettings, CommentStatus, RejectionReason } from '../../shared/comments.js';
import type { CommentFilesTable, CommentsTable, Db } from './db.js';
import { inTransaction, lockForNumbering } from './gate.js';
import { newId } from './repo.js';

export type CommentRow = Omit<CommentsTable, 'kind' | 'status' | 'reason'> & {
  kind: CommentKind;
  status: CommentStatus;
  reason: RejectionReason | null;
};
export type CommentFileRow = Omit<CommentFilesTable, 'role'> & { role: 'attachment' | 'video' | 'captions' };

/** A comment as received: everything but what the store gives it (id, number, status, times). */
export type NewComment = Pick<
  CommentRow,
  | 'kind'
  | 'name'
  | 'anonymous'
  | 'email'
  | 'organization'
  | 'topic'
  | 'text'
  | 'transcript'
  | 'signed'
  | 'duration_seconds'
>;
/** A file already in the comment storage under `storage_key`. */
export type NewCommentFile = Omit<CommentFileRow, 'id' | 'comment_id' | 'position'>;

/** Settings a session has before its organizer sets any: no period, so no comments (W1). */
export const DEFAULT_COMMENT_SETTINGS: CommentSettings = {
  opensAt: null,
  closesAt: null,
  wordLimit: 500,
  anonymousAllowed: false,
  videoMaxSeconds: 180,
  topics: [],
};

/** The comments of the public, their files, and each session's comment settings. */
export function createCommentRepo(db: Db) {
  return {
    async settings(sessionId: string): Promise<CommentSettings> {
      const row = await db
        .selectFrom('comment_settings')
        .selectAll()
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      if (!row) return DEFAULT_COMMENT_SETTINGS;
      return {
        opensAt: row.opens_at,
        closesAt: row.closes_at,
        wordLimit: row.word_limit,
        anonymousAllowed: row.anonymous_allowed === 1,
        videoMaxSeconds: row.video_max_seconds,
        topics: JSON.parse(row.topics) as string[],
      };
    },

    async saveSettings(sessionId: string, s: CommentSettings, now: Date): Promise<void> {
      const values = {
        opens_at: s.opensAt && new Date(s.opensAt).toISOString(),
        closes_at: s.closesAt && new Date(s.closesAt).toISOString(),
        word_limit: s.wordLimit,
        anonymous_allowed: s.anonymousAllowed ? 1 : 0,
        video_max_seconds: s.videoMaxSeconds,
        topics: JSON.stringify(s.topics),
        updated_at: now.toISOString(),
      };
      await db
        .insertInto('comment_settings')
        .values({ session_id: sessionId, ...values })
        .onConflict((oc) => oc.column('session_id').doUpdateSet(values))
        .execute();
    },

    /**
     * Stores a comment, pending, and its files together, numbered after the session's last
     * comment; the session's row is locked first on PostgreSQL so two nodes never share a number.
     */
    async insert(sessionId: string, comment: NewComment, files: NewCommentFile[], now: Date) {
      return inTransaction(db, async (trx) => {
        await lockForNumbering(trx, sessionId);
        const last = await trx
          .selectFrom('comments')
          .select((eb) => eb.fn.max('number').as('max'))
          .where('session_id', '=', sessionId)
          .executeTakeFirst();
        const row: CommentRow = {
          ...comment,
          id: newId(),
          session_id: sessionId,
          number: Number(last?.max ?? 0) + 1,
          status: 'pending',
          reason: null,
          created_at: now.toISOString(),
          decided_at: null,
          decided_by: null,
        };
        await trx.insertInto('comments').values(row).execute();
        const fileRows: CommentFileRow[] = files.map((f, i) => ({
          ...f,
          id: newId(),
          comment_id: row.id,
          position: i,
        }));
        if (fileRows.length) await trx.insertInto('comment_files').values(fileRows).execute();
        return { comment: row, files: fileRows };
      });
    },

    async get(id: string): Promise<CommentRow | undefined> {
      return (await db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst()) as
        CommentRow | undefined;
    },

    /** A session's comments in these statuses (all of them without), in order of submission. */
    async list(sessionId: string, statuses?: readonly CommentStatus[]): Promise<CommentRow[]> {
      let query = db.selectFrom('comments').selectAll().where('session_id', '=', sessionId);
      if (statuses) {
        if (statuses.length === 0) return [];
        query = query.where('status', 'in', statuses);
      }
      return (await query.orderBy('number').execute()) as CommentRow[];
    },

    /** How many comments of the session are in each status (a status with none is absent). */
    async countByStatus(sessionId: string): Promise<Partial<Record<CommentStatus, number>>> {
      const rows = await db
        .selectFrom('comments')
        .select(['status', (eb) => eb.fn.countAll().as('n')])
        .where('session_id', '=', sessionId)
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },

    /** The files of these comments, each comment's in the order they came. */
    async filesOf(commentIds: readonly string[]): Promise<CommentFileRow[]> {
      if (commentIds.length === 0) return [];
      return (await db
        .selectFrom('comment_files')
        .selectAll()
        .where('comment_id', 'in', commentIds)
        .orderBy('comment_id')
        .orderBy('position')
        .execute()) as CommentFileRow[];
    },

    async getFile(id: string): Promise<CommentFileRow | undefined> {
      return (await db.selectFrom('comment_files').selectAll().where('id', '=', id).executeTakeFirst()) as
        CommentFileRow | undefined;
    },

    /**
     * A moderator's decision (W7): moves the comment from `from` to `to`, only if it is still in
     * `from`, so two moderators deciding at once cannot both win. False when it was not.
     */
    async decide(
      id: string,
      from: CommentStatus,
      to: CommentStatus,
      reason: RejectionReason | null,
      by: string,
      now: Date,
    ): Promise<boolean> {
      const result = await db
        .updateTable('comments')
        .set({ status: to, reason, decided_at: now.toISOString(), decided_by: by })
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

export type CommentRepo = ReturnType<typeof createCommentRepo>;
