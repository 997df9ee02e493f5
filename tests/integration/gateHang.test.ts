// With several nodes, a change to a session holds that session's row lock for its transaction
// (server/store/gate.ts). A node that hangs mid-change (SIGSTOP, a frozen VM) must not hold every
// other node's changes to the session for as long as it hangs: PostgreSQL ends a transaction left
// idle for IDLE_IN_TRANSACTION_MS, and the lock goes with it. Two stores on one real database play
// the two nodes; the cluster test nodeLoss N3 pauses a real node.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDLE_IN_TRANSACTION_MS, openDb, type Db } from '../../server/store/db.js';
import { createSharedGate } from '../../server/store/gate.js';
import { createRepo } from '../../server/store/repo.js';
import { freshDatabase } from '../support/postgres.js';

const url = process.env.OPENFLOOR_TEST_DATABASE_URL;

describe.skipIf(!url)('a node that hangs holding a session', () => {
  let hung: Db;
  let other: Db;
  let drop: () => Promise<void>;
  let sessionId: string;

  beforeAll(async () => {
    const fresh = await freshDatabase(url!, 'gate_hang');
    drop = () => fresh.drop();
    hung = await openDb(fresh.url);
    other = await openDb(fresh.url);
    const session = await createRepo(hung).createSession(
      {
        title: 'Hang',
        startsAt: '2026-12-01T15:00:00.000Z',
        endsAt: '2026-12-01T16:00:00.000Z',
        timeZone: 'America/Chicago',
      },
      new Date('2026-12-01T14:00:00.000Z'),
    );
    sessionId = session.id;
  });

  afterAll(async () => {
    await hung?.destroy();
    await other?.destroy();
    await drop?.();
  });

  it('loses its lock once its transaction sits idle too long, and the other node goes on', async () => {
    // The hung node takes the session's lock, then does nothing more (its process is stopped).
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const hungChange = createSharedGate(hung).run(sessionId, async () => {
      locked();
      await sleep(IDLE_IN_TRANSACTION_MS * 2);
    });
    const hungOutcome = hungChange.then(
      () => 'committed',
      () => 'failed',
    );
    await holding;

    const started = Date.now();
    const waited = await createSharedGate(other).run(sessionId, () => Promise.resolve(Date.now() - started));
    // It waited for the hung node (the lock was held), and no longer than the timeout and a margin.
    expect(waited).toBeGreaterThanOrEqual(IDLE_IN_TRANSACTION_MS - 1_000);
    expect(waited).toBeLessThan(IDLE_IN_TRANSACTION_MS + 5_000);
    // The hung node's change, when it wakes, does not commit: its transaction is gone.
    expect(await hungOutcome).toBe('failed');
  }, 60_000);
});
