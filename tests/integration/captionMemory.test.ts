import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCaptionService, type CaptionService } from '../../server/captions/service.js';
import { createCaptionRepo, type CaptionRepo } from '../../server/store/captionRepo.js';
import { openDb, type Db } from '../../server/store/db.js';
import { createLocalGate } from '../../server/store/gate.js';
import { createRepo } from '../../server/store/repo.js';
import { CAPTION_IDLE_COMMIT_MS } from '../../shared/captions.js';

// The caption service over a real store, with the store's reads counted: a read of a line in
// progress means memory did not hold it. Memory holds only lines in progress with text; the store
// holds everything, so what memory drops is never lost (C11).
const NOW = new Date('2026-12-01T15:00:00.000Z');
const SESSION = {
  title: 'Memory',
  startsAt: NOW.toISOString(),
  endsAt: new Date(NOW.getTime() + 3_600_000).toISOString(),
  timeZone: 'UTC',
};

let db: Db;
let service: CaptionService;
let reads: { getTrack: number; storedTracks: number };
/** A session whose changes the store refuses, or null. */
let refused: string | null;
let lines: string[];
let clock: { now: number };
let a: string;
let b: string;

beforeEach(async () => {
  db = await openDb(':memory:');
  const sessions = createRepo(db);
  a = (await sessions.createSession(SESSION, NOW)).id;
  b = (await sessions.createSession(SESSION, NOW)).id;
  const repo = createCaptionRepo(db);
  reads = { getTrack: 0, storedTracks: 0 };
  const counted: CaptionRepo = {
    ...repo,
    getTrack: (sessionId, lang) => (reads.getTrack++, repo.getTrack(sessionId, lang)),
    storedTracks: () => (reads.storedTracks++, repo.storedTracks()),
    saveChange: (sessionId, change) =>
      sessionId === refused ? Promise.reject(new Error('refused')) : repo.saveChange(sessionId, change),
  };
  refused = null;
  lines = [];
  clock = { now: NOW.getTime() };
  service = createCaptionService({
    db,
    gate: createLocalGate(db, () => clock.now),
    captionsIn: () => counted,
    nowMs: () => clock.now,
    onLine: (sessionId, line) => lines.push(`${sessionId === a ? 'a' : 'b'} ${line.seq} ${line.text}`),
    onPartial: () => {},
    onCorrected: () => {},
  });
});
afterEach(() => db.destroy());

const append = (sessionId: string, text: string) =>
  service.write(sessionId, 'cora', 'en-US', { type: 'append', text, speaker: 'Sam' });

describe('what the caption service holds in memory', () => {
  it('C11 holds a line in progress while it has text, and drops it once it is empty', async () => {
    await append(a, 'We need ');
    await append(a, 'more');
    expect(reads.getTrack).toBe(1); // read once, then held
    await service.write(a, 'cora', 'en-US', { type: 'commit' });
    await append(a, 'Next');
    expect(reads.getTrack).toBe(2); // emptied by the commit, so no longer held: read again
    expect(lines).toEqual(['a 1 We need more']);
  });

  it('C11 forget drops a session, not another; its stored line in progress is read back, whole', async () => {
    await append(a, 'first half ');
    await append(b, 'other ');
    await service.forget(a);
    await append(a, 'second half\n');
    await append(b, 'session\n');
    expect(reads.getTrack).toBe(3); // a twice (before and after forget), b once
    expect(lines).toEqual(['a 1 first half second half', 'b 1 other session']);
  });

  it('C5 C11 the idle commit still commits a forgotten line; the store is asked once per idle pause', async () => {
    await append(a, 'left alone');
    await service.forget(a);
    await service.tick(); // the first tick asks the store (as after a restart) and holds the line again
    await service.tick();
    expect(reads.storedTracks).toBe(1);
    expect(lines).toEqual([]);
    clock.now += CAPTION_IDLE_COMMIT_MS;
    await service.tick();
    expect(lines).toEqual(['a 1 left alone']);
    expect(await createCaptionRepo(db).storedTracks()).toEqual([]);
    expect(reads.storedTracks).toBe(2);
  });

  it('C5 C12 a line the store refuses to commit stays held, and stops no other session’s idle commit', async () => {
    await append(a, 'refused for now');
    await append(b, 'committed anyway');
    clock.now += CAPTION_IDLE_COMMIT_MS;
    refused = a;
    await expect(service.tick()).rejects.toThrow('refused');
    expect(lines).toEqual(['b 1 committed anyway']);
    refused = null;
    await service.tick();
    expect(lines).toEqual(['b 1 committed anyway', 'a 1 refused for now']);
  });
});
