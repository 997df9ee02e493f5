// The store contract of the comments (issue 16), beside tests/integration/store.contract.test.ts and
// run the same way: against SQLite always, and against PostgreSQL when OPENFLOOR_TEST_DATABASE_URL
// names a server, each on a fresh database migrated from nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCommentRepo,
  DEFAULT_COMMENT_SETTINGS,
  type NewComment,
} from '../../server/store/commentRepo.js';
import { openDb, type Db } from '../../server/store/db.js';
import { createRepo } from '../../server/store/repo.js';
import { contractDialects } from '../support/postgres.js';

const DIALECTS = contractDialects('openfloor_comments_contract');

const NOW = new Date('2026-12-01T14:00:00.000Z');
const LATER = new Date('2026-12-01T14:05:00.000Z');
const SESSION = {
  title: 'Comments contract',
  startsAt: '2026-12-01T15:00:00.000Z',
  endsAt: '2026-12-01T16:00:00.000Z',
  timeZone: 'America/Chicago',
};

const written = (name: string, over: Partial<NewComment> = {}): NewComment => ({
  kind: 'written',
  name,
  anonymous: 0,
  email: `${name.toLowerCase()}@example.org`,
  organization: 'Local 12',
  topic: 'Hiring',
  text: `${name} writes.`,
  transcript: '',
  signed: 0,
  duration_seconds: null,
  ...over,
});

describe.each(DIALECTS)('the comment store on %s', (_name, open) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const opened = await open();
    drop = opened.drop;
    db = await openDb(opened.target);
  });
  afterAll(async () => {
    await db?.destroy();
    await drop?.();
  });

  it('W1 settings: the defaults until set, then exactly what was saved, the last save winning', async () => {
    const comments = createCommentRepo(db);
    const s = await createRepo(db).createSession(SESSION, NOW);
    expect(await comments.settings(s.id)).toEqual(DEFAULT_COMMENT_SETTINGS);
    const first = {
      opensAt: '2026-11-20T09:00:00-06:00',
      closesAt: '2026-12-08T17:00:00-06:00',
      wordLimit: 300,
      anonymousAllowed: true,
      videoMaxSeconds: 120,
      topics: ['Hiring', 'Pay, and «overtime»'],
    };
    await comments.saveSettings(s.id, first, NOW);
    expect(await comments.settings(s.id)).toEqual({
      ...first,
      // Stored as UTC instants, whatever offset they came with.
      opensAt: '2026-11-20T15:00:00.000Z',
      closesAt: '2026-12-08T23:00:00.000Z',
    });
    await comments.saveSettings(s.id, { ...DEFAULT_COMMENT_SETTINGS, wordLimit: 800 }, LATER);
    expect(await comments.settings(s.id)).toEqual({ ...DEFAULT_COMMENT_SETTINGS, wordLimit: 800 });
  });

  it('comments: numbered per session in order, stored with their files, listed by status, counted', async () => {
    const comments = createCommentRepo(db);
    const repo = createRepo(db);
    const a = await repo.createSession(SESSION, NOW);
    const b = await repo.createSession(SESSION, NOW);
    const file = (key: string, role: 'attachment' | 'video' | 'captions' = 'attachment') => ({
      role,
      storage_key: key,
      name: `${key}.pdf`,
      media_type: 'application/pdf',
      size: 1234,
    });
    const first = await comments.insert(a.id, written('Rosa'), [file('key-rosa-1'), file('key-rosa-2')], NOW);
    const other = await comments.insert(b.id, written('Sam'), [], NOW);
    const video = await comments.insert(
      a.id,
      written('Dee', {
        kind: 'video',
        signed: 1,
        text: 'Summary',
        transcript: 'Said in ASL.',
        duration_seconds: 42,
      }),
      [file('key-dee-video', 'video'), file('key-dee-vtt', 'captions')],
      LATER,
    );
    expect([first.comment.number, video.comment.number, other.comment.number]).toEqual([1, 2, 1]);
    expect(first.comment).toMatchObject({ status: 'pending', reason: null, decided_at: null });

    expect(await comments.get(video.comment.id)).toEqual(video.comment);
    expect((await comments.list(a.id)).map((c) => c.name)).toEqual(['Rosa', 'Dee']);
    expect(await comments.list(a.id, [])).toEqual([]);
    const files = await comments.filesOf([first.comment.id, video.comment.id]);
    expect(files.filter((f) => f.comment_id === first.comment.id).map((f) => f.storage_key)).toEqual([
      'key-rosa-1',
      'key-rosa-2',
    ]);
    expect(files.filter((f) => f.comment_id === video.comment.id).map((f) => [f.role, f.position])).toEqual([
      ['video', 0],
      ['captions', 1],
    ]);
    expect(await comments.getFile(files[0]!.id)).toEqual(files[0]);
    expect(await comments.getFile('none')).toBeUndefined();
    expect(await comments.filesOf([])).toEqual([]);
    expect(await comments.countByStatus(a.id)).toEqual({ pending: 2 });
  });

  it('W7 decisions: from the status it was in only, so two moderators at once cannot both decide', async () => {
    const comments = createCommentRepo(db);
    const s = await createRepo(db).createSession(SESSION, NOW);
    const { comment } = await comments.insert(s.id, written('Ana'), [], NOW);
    expect(await comments.decide(comment.id, 'pending', 'rejected', 'spam', 'Morgan', LATER)).toBe(true);
    expect(await comments.decide(comment.id, 'pending', 'published', null, 'Organizer', LATER)).toBe(false);
    expect(await comments.get(comment.id)).toMatchObject({
      status: 'rejected',
      reason: 'spam',
      decided_by: 'Morgan',
      decided_at: LATER.toISOString(),
    });
    expect(await comments.decide(comment.id, 'rejected', 'published', null, 'Organizer', LATER)).toBe(true);
    expect(await comments.get(comment.id)).toMatchObject({ status: 'published', reason: null });
    const { comment: second } = await comments.insert(s.id, written('Ben'), [], NOW);
    await comments.decide(second.id, 'pending', 'to-read', null, 'Organizer', LATER);
    expect((await comments.list(s.id, ['published', 'to-read'])).map((c) => c.name)).toEqual(['Ana', 'Ben']);
    expect(await comments.countByStatus(s.id)).toEqual({ published: 1, 'to-read': 1 });
  });

  it('numbers stay unique when comments arrive at once', async () => {
    const comments = createCommentRepo(db);
    const s = await createRepo(db).createSession(SESSION, NOW);
    const made = await Promise.all(
      Array.from({ length: 8 }, (_, i) => comments.insert(s.id, written(`P${i}`), [], NOW)),
    );
    expect(made.map((m) => m.comment.number).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('a file key is stored once: a second file under the same key fails and takes its comment with it', async () => {
    const comments = createCommentRepo(db);
    const s = await createRepo(db).createSession(SESSION, NOW);
    const file = {
      role: 'attachment' as const,
      storage_key: 'dup-key',
      name: 'a.txt',
      media_type: 'text/plain',
      size: 1,
    };
    await comments.insert(s.id, written('One'), [file], NOW);
    await expect(comments.insert(s.id, written('Two'), [file], NOW)).rejects.toThrow();
    expect((await comments.list(s.id)).map((c) => c.name)).toEqual(['One']);
  });
});
