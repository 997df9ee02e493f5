import type { Kysely, Migration } from 'kysely';

// The caption migrations of issue 15 (professional CART), listed in migrations.ts in their place.
// Append-only like the others: never edit one that has shipped.

/** 0012: committed lines corrected in place (C16-C19). */
export const captionCorrections: Migration = {
  async up(db: Kysely<unknown>) {
    // When a committed line was last corrected, and the session's count of corrections then, so a
    // page that missed a correction asks for those after the last it saw (C19).
    await db.schema.alterTable('caption_lines').addColumn('corrected_at', 'text').execute();
    await db.schema.alterTable('caption_lines').addColumn('fix', 'integer').execute();
    // 1 when the captioning software's line break committed the line: the first backspace that
    // reaches back into it removes that break (C16).
    await db.schema
      .alterTable('caption_lines')
      .addColumn('break_after', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('caption_lines_fix')
      .on('caption_lines')
      .columns(['session_id', 'fix'])
      .execute();
    // The committed line a track's line in progress writes again (C16), or null.
    await db.schema.alterTable('caption_tracks').addColumn('reopens', 'integer').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('caption_tracks').dropColumn('reopens').execute();
    await db.schema.dropIndex('caption_lines_fix').execute();
    for (const column of ['break_after', 'fix', 'corrected_at']) {
      await db.schema.alterTable('caption_lines').dropColumn(column).execute();
    }
  },
};

/** 0013: the captioners' pens (policy A26-A29). */
export const captionPen: Migration = {
  async up(db: Kysely<unknown>) {
    // Who writes each caption track now, as JSON (language tag to the captioner's invite), null
    // while nobody has written: stored with the session, so the room state carries it at no cost,
    // it outlives a restart, and every node reads the same under the session's lock.
    await db.schema.alterTable('sessions').addColumn('caption_pens', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('sessions').dropColumn('caption_pens').execute();
  },
};
