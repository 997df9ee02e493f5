import type { Kysely, Migration } from 'kysely';

// The sign-language migrations of issue 15, listed in migrations.ts in their place. Append-only
// like the others: never edit one that has shipped.

/**
 * 0015: who signs (queue rule Q18, policy A40), who voiced each turn for the record, and the
 * language a spoken-language interpreter's channel carries (A42).
 */
export const signing: Migration = {
  async up(db: Kysely<unknown>) {
    // "I will sign (ASL)" on the registration form: 1 or 0.
    await db.schema
      .alterTable('registrations')
      .addColumn('signs', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    // A moderator's mark on the person's link (A40): 1 or 0, or null while no moderator has
    // marked them, when the registration's answer stands.
    await db.schema.alterTable('invites').addColumn('signs', 'integer').execute();
    // Who signs is asked by link whenever a hand goes up: found through the registration's link.
    await db.schema.createIndex('registrations_invite').on('registrations').column('invite_id').execute();
    // The spoken language an interpreter's link interprets the floor into (policy A42), or null.
    await db.schema.alterTable('invites').addColumn('language', 'text').execute();
    // The interpreter who voiced a signing speaker's turn, by name as the record shows it.
    await db.schema.alterTable('turns').addColumn('voiced_by', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('turns').dropColumn('voiced_by').execute();
    await db.schema.dropIndex('registrations_invite').execute();
    await db.schema.alterTable('invites').dropColumn('language').execute();
    await db.schema.alterTable('invites').dropColumn('signs').execute();
    await db.schema.alterTable('registrations').dropColumn('signs').execute();
  },
};
