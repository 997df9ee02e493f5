import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublicComment } from '../../shared/comments.js';
import type { RecordCounts, RecordDates } from '../../shared/records.js';
import {
  moderationList,
  openPeriod,
  pdfBytes,
  postComment,
  setCommentSettings,
  webmBytes,
} from '../support/comments.js';
import { joinAs, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let sessionId: string;
const START = Date.parse('2030-07-01T14:00:00Z');
const SECRETS = ['secret.sam@example.org', 'Secret Sam', 'Tiny Co', 'rosa@example.org', 'dee@example.org'];

interface RecordJson {
  dates: RecordDates;
  counts: RecordCounts;
  comments: PublicComment[];
}

/**
 * A session held and published: two registrations, two of the public in the room, one speaker and
 * one written remark, and five comments: three public (one anonymous), one rejected, one pending.
 */
beforeEach(async () => {
  server = await startTestServer({ now: new Date(START - 86_400_000) });
  ({ id: sessionId } = await server.createSession(
    {
      title: 'Scheduling hearing',
      focus: 'Scheduling',
      startsAt: new Date(START).toISOString(),
      endsAt: new Date(START + 7_200_000).toISOString(),
      timeZone: 'America/Chicago',
    },
    'scheduled',
  ));
  await setCommentSettings(
    server,
    sessionId,
    openPeriod(server, { anonymousAllowed: true, topics: ['Scheduling', 'Pay'] }),
  );
  for (const who of ['ana', 'ben']) {
    const res = await server.api(
      'POST',
      `/api/public/sessions/${sessionId}/registrations`,
      { name: who, email: `${who}@example.org`, affiliation: 'worker' },
      null,
    );
    expect(res.status).toBe(202);
  }
  // One after another: comments are numbered in the order they arrive.
  const sent = [
    () =>
      postComment(
        server,
        sessionId,
        'written',
        {
          name: 'Rosa Diaz',
          email: 'rosa@example.org',
          organization: 'Local 12',
          topic: 'Scheduling',
          text: 'Hours cut.\n\nNo notice =HYPERLINK("http://x")',
        },
        [{ field: 'attachments', name: 'brief.pdf', bytes: pdfBytes() }],
      ),
    () =>
      postComment(server, sessionId, 'written', {
        name: 'Secret Sam',
        anonymous: 'true',
        email: 'secret.sam@example.org',
        organization: 'Tiny Co',
        topic: 'Pay',
        text: '=1+1 and my boss reads this.',
      }),
    () =>
      postComment(
        server,
        sessionId,
        'video',
        {
          name: 'Dee',
          email: 'dee@example.org',
          topic: 'Scheduling',
          signed: 'true',
          summary: 'Signed: shifts.',
          transcript: 'My shifts change daily.',
        },
        [
          { field: 'video', name: 'dee.webm', bytes: webmBytes(2000) },
          {
            field: 'captions',
            name: 'dee.vtt',
            bytes: Buffer.from('WEBVTT\n\n00:00.000 --> 00:02.000\nMy shifts.\n'),
          },
        ],
      ),
    () =>
      postComment(server, sessionId, 'written', {
        name: 'Spammer',
        email: 'spam@example.org',
        topic: 'Pay',
        text: 'Buy now',
      }),
    () =>
      postComment(server, sessionId, 'written', {
        name: 'Paula Pending',
        email: 'p@example.org',
        topic: 'Pay',
        text: 'Later',
      }),
  ];
  for (const send of sent) expect((await send()).status).toBe(201);
  const byName = new Map((await moderationList(server, sessionId)).comments.map((c) => [c.name, c.id]));
  const decide = (name: string, body: object) =>
    server.api('POST', `/api/sessions/${sessionId}/comments/${byName.get(name)}/decision`, body);
  expect((await decide('Rosa Diaz', { action: 'publish' })).status).toBe(200);
  expect((await decide('Secret Sam', { action: 'publish' })).status).toBe(200);
  expect((await decide('Dee', { action: 'read' })).status).toBe(200);
  expect((await decide('Spammer', { action: 'reject', reason: 'spam' })).status).toBe(200);

  server.clock.now = new Date(START);
  await server.api('POST', `/api/sessions/${sessionId}/lifecycle/go-live`, {});
  await joinAs(server, sessionId, 'attendee', 'Alex');
  await joinAs(server, sessionId, 'speaker', 'Sam');
  await server.invite(sessionId, 'attendee', 'Never came');
  await server.db
    .insertInto('turns')
    .values([
      {
        session_id: sessionId,
        seq: 1,
        participant_id: 'p1',
        name: 'Sam',
        kind: 'speak',
        topic: 'Pay',
        remark: null,
        started_at: new Date(START + 60_000).toISOString(),
        ended_at: new Date(START + 120_000).toISOString(),
      },
      {
        session_id: sessionId,
        seq: 2,
        participant_id: 'p2',
        name: 'Ana',
        kind: 'remark',
        topic: null,
        remark: 'Thanks.',
        started_at: new Date(START + 130_000).toISOString(),
        ended_at: new Date(START + 140_000).toISOString(),
      },
      {
        session_id: sessionId,
        seq: 3,
        participant_id: 'p1',
        name: 'Sam',
        kind: 'speak',
        topic: 'Pay',
        remark: null,
        started_at: new Date(START + 150_000).toISOString(),
        ended_at: new Date(START + 160_000).toISOString(),
      },
    ])
    .execute();
  expect((await server.api('POST', `/api/sessions/${sessionId}/lifecycle/end`, {})).status).toBe(200);
  expect((await server.api('POST', `/api/sessions/${sessionId}/record`, {})).status).toBe(201);
});
afterEach(async () => {
  await server.stop();
});

const get = (path: string) => fetch(`${server.url}/api/public/sessions/${sessionId}${path}`);

describe('W13 the record holds the public comments, the counts and the dates', () => {
  it('lists the published and read comments in order, with their files; never a pending or rejected one', async () => {
    const record = (await (await get('/record')).json()) as RecordJson;
    expect(
      record.comments.map((c) => [c.number, c.kind, c.name, c.organization, c.status, c.signed]),
    ).toEqual([
      [1, 'written', 'Rosa Diaz', 'Local 12', 'published', false],
      [2, 'written', null, null, 'published', false],
      [3, 'video', 'Dee', '', 'to-read', true],
    ]);
    expect(record.comments[2]!.files.map((f) => [f.role, f.name, f.type])).toEqual([
      ['video', 'dee.webm', 'video/webm'],
      ['captions', 'dee.vtt', 'text/vtt'],
    ]);
    // The links are whole addresses (the record is saved and read elsewhere), and they answer.
    const video = record.comments[2]!.files[0]!;
    expect(video.url).toMatch(/^http:\/\/localhost:\d+\/api\/comments\/files\/[\w-]+$/);
    const served = await fetch(`${server.url}${new URL(video.url).pathname}`);
    expect([served.status, served.headers.get('content-type')]).toEqual([200, 'video/webm']);
    expect(JSON.stringify(record)).not.toMatch(/Spammer|Buy now|Paula|Later/);
  });

  it('counts who registered, attended and spoke, the remarks, and the comments by kind and topic', async () => {
    const { counts, dates } = (await (await get('/record')).json()) as RecordJson;
    expect(counts).toEqual({
      registered: 2,
      attended: 2,
      spoke: 1,
      writtenRemarks: 1,
      comments: {
        received: 5,
        public: 3,
        written: 2,
        video: 1,
        signed: 1,
        byTopic: [
          { topic: 'Scheduling', count: 2 },
          { topic: 'Pay', count: 1 },
        ],
      },
    });
    expect(dates).toMatchObject({
      startsAt: '2030-07-01T14:00:00.000Z',
      timeZone: 'America/Chicago',
      commentsOpenedAt: '2030-06-30T13:00:00.000Z',
      commentsClosedAt: '2030-07-01T14:00:00.000Z',
    });
    const md = await (await get('/record?format=md')).text();
    expect(md).toContain(
      'Comments were taken from June 30, 2030 at 8:00 AM CDT to July 1, 2030 at 9:00 AM CDT\\.',
    );
    expect(md).toContain('Signed comments \\(ASL\\): 1  ');
    expect(md).toContain('### Comment 3: Dee');
    const html = await (await get('/record?format=html')).text();
    expect(html).toContain('<tr><th scope="row">Comments on Scheduling</th><td>2</td></tr>');
    expect(html).toMatch(
      /<video controls preload="metadata" src="http:\/\/localhost:\d+\/api\/comments\/files\/[\w-]+" aria-label="Video comment 3"><track kind="captions" src="[^"]+" label="Captions" default><\/video>/,
    );
  });
});

describe('W9 W14 anonymity in the record and the exports; the comments as CSV and JSON', () => {
  it('no email anywhere, and no name or organization of the anonymous commenter, in any format', async () => {
    const bodies = await Promise.all(
      [
        '/record',
        '/record?format=md',
        '/record?format=html',
        '/record/comments?format=csv',
        '/record/comments?format=json',
      ].map(async (path) => [path, await (await get(path)).text()] as const),
    );
    for (const [path, body] of bodies) {
      for (const secret of SECRETS)
        expect({ path, leaks: body.includes(secret) }).toEqual({ path, leaks: false });
      expect(body).toContain('Rosa Diaz');
      expect(body).not.toMatch(/[\w.]+@example\.org/);
    }
  });

  it('the CSV quotes every cell and keeps formulas from running; the JSON is the record’s comments', async () => {
    const res = await get('/record/comments?format=csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="comments-${sessionId}.csv"`);
    const csv = await res.text();
    const rows: string[][] = parse(csv);
    expect(rows[0]).toEqual([
      'Number',
      'Kind',
      'Status',
      'Name',
      'Organization',
      'Topic',
      'Signed',
      'Comment or summary',
      'Transcript',
      'Files',
      'Received at',
    ]);
    expect(rows.slice(1).map((r) => [r[0], r[3], r[6]])).toEqual([
      ['1', 'Rosa Diaz', 'no'],
      ['2', 'Anonymous', 'no'],
      ['3', 'Dee', 'yes'],
    ]);
    expect(rows[1]![7]).toBe('Hours cut.\n\nNo notice =HYPERLINK("http://x")');
    expect(rows[2]![7]).toBe("'=1+1 and my boss reads this.");
    // Every cell quoted, the empty ones too.
    for (const line of csv.split('\r\n').filter((l) => /^"\d/.test(l) || l.startsWith('"Number'))) {
      expect(line.startsWith('"')).toBe(true);
    }
    expect(csv).toContain('"Dee","",');

    const json = (await (await get('/record/comments?format=json')).json()) as { comments: PublicComment[] };
    const record = (await (await get('/record')).json()) as RecordJson;
    expect(json.comments).toEqual(record.comments);
    expect((await get('/record/comments?format=xlsx')).status).toBe(400);
  });

  it('a session whose record is not published exports no comments', async () => {
    const other = await server.createSession({}, 'scheduled');
    expect((await fetch(`${server.url}/api/public/sessions/${other.id}/record/comments`)).status).toBe(404);
  });
});
