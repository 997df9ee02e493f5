// The OpenFloor side of bench:captions, in its own process so the viewers' CPU does not count
// against it. Starts the real app (no media) on an ephemeral port, creates a live session with one
// captioner and N attendee invites, and reports them to the parent. Then answers the parent's
// 'sample' requests with its own CPU and memory figures, and cleans up on 'stop'.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.js';
import { createLinkSigner } from '../../server/invites/tokens.js';
import { openDb } from '../../server/store/db.js';
import { createRepo } from '../../server/store/repo.js';
import { createSessionSchema } from '../../shared/schemas.js';

const count = Number(process.argv[2] ?? 2000);
const dataDir = mkdtempSync(join(tmpdir(), 'openfloor-bench-captions-'));
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
// Through the API's schema, so every field the organizer may leave out gets its usual default.
const session = await repo.createSession(
  createSessionSchema.parse({
    title: 'Caption bench',
    startsAt: now.toISOString(),
    endsAt: ends.toISOString(),
    timeZone: 'UTC',
  }),
  now,
);
const sign = async (role: 'captioner' | 'attendee', name: string) =>
  signer.sign((await repo.createInvite(session.id, role, name, ends.toISOString(), now)).id, ends);
const captioner = await sign('captioner', 'Captioner');
const attendees: string[] = [];
for (let i = 0; i < count; i++) attendees.push(await sign('attendee', `Attendee ${i}`));

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await app.close();
  await db.destroy();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}

// Started with --expose-gc, so memory samples are taken after a full collection.
const gc = (globalThis as { gc?: () => void }).gc;
process.on('message', (msg: { type: string }) => {
  if (msg.type === 'stop') return void stop();
  if (msg.type !== 'sample') return;
  gc?.();
  const m = process.memoryUsage();
  process.send!({ type: 'sample', cpu: process.cpuUsage(), rss: m.rss, heapUsed: m.heapUsed });
});
// The parent went away without saying stop (a crash): still remove the data dir.
process.on('disconnect', () => void stop());
process.send!({ type: 'ready', url: `http://127.0.0.1:${port}`, captioner, attendees });
