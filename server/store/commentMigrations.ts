import type { Kysely, Migration } from 'kysely';

// The comment migration of issue 16, listed in migrations.ts in its place. Append-only like the
// others: never edit one that has shipped. Booleans as integers and lists as JSON text, as elsewhere.

/** 0014: each session's comment settings, the comments, and their files (W1-W14). */
export const comments: Migration = {
  async up(db: Kysely<unknown>) {
    // A row once the organizer sets them; a session without one takes no comments (W1).
    await db.schema
      .createTable('comment_settings')
      .addColumn('session_id', 'text', (c) => c.primaryKey().references('sessions.id').onDelete('cascade'))
      .addColumn('opens_at', 'text')
      .addColumn('closes_at', 'text')
      .addColumn('word_limit', 'integer', (c) => c.notNull())
      .addColumn('anonymous_allowed', 'integer', (c) => c.notNull())
      .addColumn('video_max_seconds', 'integer', (c) => c.notNull())
      .addColumn('topics', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
      // Numbered per session in order of submission (max + 1 under the session's lock).
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('anonymous', 'integer', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('organization', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      // The written comment, or a video's summary.
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('transcript', 'text', (c) => c.notNull())
      .addColumn('signed', 'integer', (c) => c.notNull())
      .addColumn('duration_seconds', 'integer')
      .addColumn('reason', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .addColumn('decided_by', 'text')
      .addUniqueConstraint('comments_session_number', ['session_id', 'number'])
      .execute();
    await db.schema.createIndex('comments_status').on('comments').columns(['session_id', 'status']).execute();
    // The stored bytes are found by `storage_key`, made by the server (never from the request).
    await db.schema
      .createTable('comment_files')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('comment_id', 'text', (c) => c.notNull().references('comments.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('storage_key', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('comment_files_comment').on('comment_files').column('comment_id').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('comment_files').execute();
    await db.schema.dropTable('comments').execute();
    await db.schema.dropTable('comment_settings').execute();
  },
};
