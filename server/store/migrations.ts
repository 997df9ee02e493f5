import { type Kysely, type Migration } from 'kysely';

// Migrations are append-only: never edit one that has shipped, add the next.
// Written with Kysely's schema builder so a PostgreSQL dialect can run them too.
export const migrations: Record<string, Migration> = {
  '0001_sessions_and_invites': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('active_interpreter_id', 'text')
        .execute();
      await db.schema
        .createTable('invites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('joined_at', 'text')
        // Order of first arrival; timestamps can tie within a millisecond.
        .addColumn('join_order', 'integer')
        .execute();
      await db.schema.createIndex('invites_session').on('invites').column('session_id').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('invites').execute();
      await db.schema.dropTable('sessions').execute();
    },
  },
  '0002_queues': {
    async up(db: Kysely<unknown>) {
      // The queue, floor and timer of a session as one JSON document: it is read and written whole,
      // under the session's lock, and must survive a restart.
      await db.schema
        .createTable('queues')
        .addColumn('session_id', 'text', (c) => c.primaryKey().references('sessions.id').onDelete('cascade'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('queues').execute();
    },
  },
  '0003_captions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('caption_lines')
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('speaker', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('caption_lines_pk', ['session_id', 'seq'])
        .execute();
      // The last ingest seq accepted per captioner link, so a retried POST changes nothing.
      await db.schema
        .createTable('caption_ingest')
        .addColumn('invite_id', 'text', (c) => c.primaryKey().references('invites.id').onDelete('cascade'))
        .addColumn('last_seq', 'integer', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('caption_ingest').execute();
      await db.schema.dropTable('caption_lines').execute();
    },
  },
};
