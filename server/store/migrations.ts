import { sql, type Kysely, type Migration } from 'kysely';
import { captionCorrections, captionPen } from './captionMigrations.js';
import { comments } from './commentMigrations.js';
import { signing } from './signMigrations.js';

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
  '0004_sessions_registrations_turns': {
    async up(db: Kysely<unknown>) {
      // Booleans as integers and JSON as text, alike on SQLite and PostgreSQL.
      const columns: [string, 'text' | 'integer', string | number | null][] = [
        ['description', 'text', ''],
        ['focus', 'text', ''],
        ['capacity', 'integer', null],
        ['speaking_limit_ms', 'integer', 180_000],
        ['public_comments', 'integer', 1],
        ['offered', 'text', '{"asl":true,"cart":true,"captionLanguages":["en-US"],"other":""}'],
        ['status', 'text', 'scheduled'],
        ['record_published_at', 'text', null],
      ];
      for (const [name, type, fallback] of columns) {
        await db.schema
          .alterTable('sessions')
          .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
          .execute();
      }
      await db.schema
        .createTable('registrations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('registered_order', 'integer', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('organization', 'text', (c) => c.notNull())
        .addColumn('affiliation', 'text', (c) => c.notNull())
        .addColumn('wish_to_speak', 'integer', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('requested', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('invite_id', 'text', (c) => c.references('invites.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('registrations_session_email', ['session_id', 'email'])
        .execute();
      // Who held the floor, from when to when: the published record's list of speakers.
      await db.schema
        .createTable('turns')
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('participant_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('topic', 'text')
        .addColumn('remark', 'text')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .addPrimaryKeyConstraint('turns_pk', ['session_id', 'seq'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('turns').execute();
      await db.schema.dropTable('registrations').execute();
    },
  },
  '0005_email_identity': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('sessions')
        .addColumn('require_email_confirmation', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      // When the reminder went out, so each registrant gets it once, across restarts.
      await db.schema.alterTable('registrations').addColumn('reminded_at', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('registrations').dropColumn('reminded_at').execute();
      await db.schema.alterTable('sessions').dropColumn('require_email_confirmation').execute();
    },
  },
  '0006_caption_tracks': {
    async up(db: Kysely<unknown>) {
      // The line in progress of each caption track (C11): text the captioner was told was received
      // must outlive the process. Written in the same transaction as the lines it commits and the
      // ingest seq it accepts (C12); a track whose line is empty has no row.
      await db.schema
        .createTable('caption_tracks')
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('speaker', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        // ISO times with milliseconds, as elsewhere: when the line began, and when it last changed
        // (the idle commit, C5, counts from there, across a restart too).
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('caption_tracks_pk', ['session_id', 'lang'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('caption_tracks').execute();
    },
  },
  '0007_queue_deadlines': {
    async up(db: Kysely<unknown>) {
      // The running turn's deadline beside the document, so the turn timer finds every session with
      // a turn to watch in the store, including those nobody has touched since a restart.
      await db.schema.alterTable('queues').addColumn('deadline_at', 'text').execute();
      await db.schema.createIndex('queues_deadline_at').on('queues').column('deadline_at').execute();
      const rows = await sql<{
        session_id: string;
        state: string;
      }>`select session_id, state from queues`.execute(db);
      for (const row of rows.rows) {
        // Frozen here on purpose: the shape of a stored state when this migration shipped.
        const { floor } = JSON.parse(row.state) as {
          floor?: { deadline: number | null; expired?: boolean } | null;
        };
        const at = floor?.deadline != null && !floor.expired ? new Date(floor.deadline).toISOString() : null;
        if (at)
          await sql`update queues set deadline_at = ${at} where session_id = ${row.session_id}`.execute(db);
      }
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('queues_deadline_at').execute();
      await db.schema.alterTable('queues').dropColumn('deadline_at').execute();
    },
  },
  '0008_host_invites': {
    async up(db: Kysely<unknown>) {
      // The organizer's own moderator link ("Start as host"): marked, so that pressing the button
      // again reuses it, and at most one live one per session, whichever node answers the press.
      await db.schema
        .alterTable('invites')
        .addColumn('host', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('invites_one_host')
        .on('invites')
        .column('session_id')
        .unique()
        .where(sql.ref('host'), '=', 1)
        .where(sql.ref('revoked_at'), 'is', null)
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('invites_one_host').execute();
      await db.schema.alterTable('invites').dropColumn('host').execute();
    },
  },
  '0009_presence': {
    async up(db: Kysely<unknown>) {
      // Several nodes: each node's heartbeat (by the database's clock, in ms), and who is connected
      // to which node. A node that stops beating is taken out with its connections by another.
      await db.schema
        .createTable('nodes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('seen_ms', 'double precision', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('presence')
        .addColumn('node_id', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('invite_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('presence_pk', ['node_id', 'session_id', 'invite_id'])
        .execute();
      await db.schema.createIndex('presence_session').on('presence').columns(['session_id']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('presence').execute();
      await db.schema.dropTable('nodes').execute();
    },
  },
  '0010_caption_line_ids': {
    async up(db: Kysely<unknown>) {
      // C14: the console's id of a line, kept with the line in progress and with what it commits,
      // so that a change to a line already committed (come late through another node) is known.
      await db.schema.alterTable('caption_tracks').addColumn('line_id', 'text').execute();
      await db.schema.alterTable('caption_lines').addColumn('line_id', 'text').execute();
      await db.schema
        .createIndex('caption_lines_line_id')
        .on('caption_lines')
        .columns(['session_id', 'line_id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('caption_lines_line_id').execute();
      await db.schema.alterTable('caption_lines').dropColumn('line_id').execute();
      await db.schema.alterTable('caption_tracks').dropColumn('line_id').execute();
    },
  },
  '0011_join_indexes': {
    async up(db: Kysely<unknown>) {
      // A join numbers the newcomer (the session's highest join_order + 1) and lists the staff who
      // joined: with thousands of invites in a session, each was a walk over all of them, so a
      // join storm cost the square of its size.
      await db.schema
        .createIndex('invites_join_order')
        .on('invites')
        .columns(['session_id', 'join_order'])
        .execute();
      await db.schema.createIndex('invites_role').on('invites').columns(['session_id', 'role']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('invites_role').execute();
      await db.schema.dropIndex('invites_join_order').execute();
    },
  },
  '0012_caption_corrections': captionCorrections,
  '0013_caption_pen': captionPen,
  '0014_comments': comments,
  '0015_signing': signing,
};
