// The server side of `npm run bench:lifecycle`: the real app (no media) in its own process, run
// with --expose-gc, answering { type: 'sample' } with its heap after a forced collection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.js';
import { createOutboxMailer } from '../../server/email/mailer.js';
import { openDb } from '../../server/store/db.js';

// The organizer token comes from the driver, which calls the organizer API with it.
const organizerToken = process.argv[2]!;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const dataDir = mkdtempSync(join(tmpdir(), 'openfloor-bench-'));
const db = await openDb(dataDir);
const app = createApp({
  db,
  organizerToken,
  linkSecret: 'bench-link-secret-bench-link-secret',
  publicUrl: null,
  media: null,
  mailer: createOutboxMailer(join(dataDir, 'outbox'), 'bench@localhost'),
  // The driver creates hundreds of sessions from one address.
  apiRequestsPerMinute: 1_000_000,
  commandsPerSecond: 1_000,
});
const port = await app.listen(0, '127.0.0.1');

/** Heap after full collections: twice, so objects freed by finalizers in the first go too. */
function heapAfterGc(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

process.on('message', (msg: { type: string }) => {
  if (msg.type === 'sample') process.send!({ heapUsed: heapAfterGc() });
  if (msg.type === 'stop')
    void app
      .close()
      .then(() => db.destroy())
      .then(() => {
        rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
});
process.send!({ url: `http://127.0.0.1:${port}` });
