// What the bench servers share: the real app (no media) on an ephemeral port with a throwaway
// store, one live session, and signed personal links for one staff member and N attendees. The
// same session can be seeded into a cluster's shared store (seedBenchSession).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOutboxMailer } from '../../server/email/mailer.js';
import { createApp } from '../../server/app.js';
import { createLinkSigner } from '../../server/invites/tokens.js';
import { createMetrics } from '../../server/metrics/metrics.js';
import type { Db } from '../../server/store/db.js';
import { openDb } from '../../server/store/db.js';
import { createRepo } from '../../server/store/repo.js';
import type { InviteRole } from '../../shared/roles.js';
import { createSessionSchema } from '../../shared/schemas.js';

export interface BenchSession {
  /** The signed link token of the one staff member. */
  staff: string;
  /** The signed link tokens of the attendees. */
  attendees: string[];
}

export interface BenchApp extends BenchSession {
  url: string;
  /** Closes the app and the store and removes the data directory. */
  close(): Promise<void>;
}

/** One live session in `db`, with links signed by `linkSecret` (the secret the server(s) use). */
export async function seedBenchSession(
  db: Db,
  linkSecret: string,
  staffRole: InviteRole,
  attendeeCount: number,
): Promise<BenchSession> {
  const repo = createRepo(db);
  const signer = createLinkSigner(linkSecret);
  const now = new Date();
  const ends = new Date(now.getTime() + 3_600_000);
  // Through the API's schema, so every field the organizer may leave out gets its usual default.
  const input = { title: 'Bench', startsAt: now.toISOString(), endsAt: ends.toISOString(), timeZone: 'UTC' };
  const session = await repo.createSession(createSessionSchema.parse(input), now);
  // Live, as the policy requires for captions to be written and hands raised (A8, A16).
  await repo.setStatus(session.id, ['scheduled'], 'live');
  const sign = async (role: InviteRole, name: string) =>
    signer.sign((await repo.createInvite(session.id, role, name, ends.toISOString(), now)).id, ends);
  const staff = await sign(staffRole, staffRole);
  const attendees: string[] = [];
  for (let i = 0; i < attendeeCount; i++) attendees.push(await sign('attendee', `Attendee ${i}`));
  return { staff, attendees };
}

export async function startBenchApp(staffRole: InviteRole, attendeeCount: number): Promise<BenchApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'openfloor-bench-'));
  // As main.ts does: the store's queries are timed in the node's metrics.
  const metrics = createMetrics();
  const db = await openDb(dataDir, { onQuery: metrics.storeQueried });
  const linkSecret = 'bench-link-secret-bench-link-secret';
  const app = createApp({
    db,
    metrics,
    organizerToken: 'bench-organizer-token-0123456789',
    linkSecret,
    publicUrl: null,
    media: null,
    mailer: createOutboxMailer(join(dataDir, 'outbox'), 'bench@localhost'),
  });
  const port = await app.listen(0, '127.0.0.1');
  const seeded = await seedBenchSession(db, linkSecret, staffRole, attendeeCount);

  return {
    url: `http://127.0.0.1:${port}`,
    ...seeded,
    async close() {
      await app.close();
      await db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
