// The server side of bench:queue, in its own process so the clients' CPU does not count against it.
// Starts the real app (no media) on an ephemeral port, creates a session and invites, reports them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.js';
import { createLinkSigner } from '../../server/invites/tokens.js';
import { openDb } from '../../server/store/db.js';
import { createRepo } from '../../server/store/repo.js';

const count = Number(process.argv[2] ?? 2000);
const dataDir = mkdtempSync(join(tmpdir(), 'openfloor-bench-'));
const db = await openDb(dataDir);
const linkSecret = 'bench-link-secret-bench-link-secret';
const app = createApp({
  db,
  organizerToken: 'bench-organizer-token-0123456789',
  linkSecret,
  publicUrl: null,
  media: null,
});
const port = await app.listen(0, '127.0.0.1');

const repo = createRepo(db);
const signer = createLinkSigner(linkSecret);
const now = new Date();
const ends = new Date(now.getTime() + 3_600_000);
const session = await repo.createSession(
  { title: 'Bench', startsAt: now.toISOString(), endsAt: ends.toISOString(), timeZone: 'UTC' },
  now,
);
const sign = async (role: 'moderator' | 'attendee', name: string) =>
  signer.sign((await repo.createInvite(session.id, role, name, ends.toISOString(), now)).id, ends);
const moderator = await sign('moderator', 'Moderator');
const attendees: string[] = [];
for (let i = 0; i < count; i++) attendees.push(await sign('attendee', `Attendee ${i}`));

process.send!({ url: `http://127.0.0.1:${port}`, moderator, attendees });
process.on('message', () => {
  void app.close().then(async () => {
    await db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
