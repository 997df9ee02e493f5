import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordsPage } from '../../shared/records.js';
import { joinAs, ask, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ now: new Date('2030-03-01T12:00:00Z') });
});
afterEach(async () => {
  await server.stop();
});

const list = async (query = '') => {
  const res = await server.api('GET', `/api/public/records${query}`, undefined, null);
  return { status: res.status, body: (await res.json()) as RecordsPage & { message?: string } };
};

/** A session held on `day` in `timeZone`, ended, with a registrant and a caption line; published if asked. */
async function held(title: string, day: string, timeZone: string, publish: boolean) {
  const { id } = await server.createSession({
    title,
    focus: `About ${title}`,
    startsAt: `${day}T14:00:00.000Z`,
    endsAt: `${day}T16:00:00.000Z`,
    timeZone,
  });
  const registered = await server.api(
    'POST',
    `/api/public/sessions/${id}/registrations`,
    { name: 'Rosa Diaz', email: `rosa.${id}@example.org`, affiliation: 'worker' },
    null,
  );
  expect(registered.status).toBe(202);
  const cora = await joinAs(server, id, 'captioner', 'Cora');
  await ask(cora.socket, 'caption:update', { text: `Opening ${title}.` });
  await ask(cora.socket, 'caption:commit', {});
  expect((await server.api('POST', `/api/sessions/${id}/lifecycle/end`, {})).status).toBe(200);
  if (publish) expect((await server.api('POST', `/api/sessions/${id}/record`, {})).status).toBe(201);
  return id;
}

describe('GET /api/public/records: published records stay listed', () => {
  it('lists only published records, newest session first, with their dates and time zones', async () => {
    const older = await held('Older hearing', '2030-03-05', 'America/Chicago', true);
    await held('Unpublished hearing', '2030-03-07', 'America/New_York', false);
    const newer = await held('Newer hearing', '2030-03-10', 'Europe/Paris', true);
    await server.createSession({ title: 'Still live' });

    const { status, body } = await list();
    expect(status).toBe(200);
    expect(body.total).toBe(2);
    expect(body.records).toEqual([
      {
        id: newer,
        title: 'Newer hearing',
        focus: 'About Newer hearing',
        startsAt: '2030-03-10T14:00:00.000Z',
        endsAt: '2030-03-10T16:00:00.000Z',
        timeZone: 'Europe/Paris',
        publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
      },
      expect.objectContaining({
        id: older,
        startsAt: '2030-03-05T14:00:00.000Z',
        timeZone: 'America/Chicago',
      }),
    ]);
    // Nothing private: no registrant's name or email, no link.
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/@|Rosa|token|join/i);
  });

  it('pages with limit and offset', async () => {
    for (const day of ['2030-03-02', '2030-03-03', '2030-03-04'])
      await held(`Hearing ${day}`, day, 'America/New_York', true);
    const first = await list('?limit=2');
    expect(first.body.records.map((r) => r.title)).toEqual(['Hearing 2030-03-04', 'Hearing 2030-03-03']);
    const rest = await list('?limit=2&offset=2');
    expect(rest.body).toMatchObject({ total: 3, records: [{ title: 'Hearing 2030-03-02' }] });
  });

  it.each([
    '?limit=0',
    '?limit=101',
    '?limit=two',
    '?offset=-1',
    '?offset=1.5',
    '?sort=title',
    '?limit=1&limit=2',
  ])('refuses the query %s with 400 and says why', async (query) => {
    const { status, body } = await list(query);
    expect(status).toBe(400);
    expect(body.message?.length).toBeGreaterThan(5);
  });

  it("each record's exports carry the session's date and zone", async () => {
    const id = await held('Dated hearing', '2030-03-05', 'America/Chicago', true);
    const get = (format: string) =>
      server.api('GET', `/api/public/sessions/${id}/record?format=${format}`, undefined, null);
    expect(await (await get('md')).text()).toContain('March 5, 2030 at 8:00 AM CST');
    expect(await (await get('md')).text()).toContain('(America/Chicago)');
    expect(await (await get('html')).text()).toContain('March 5, 2030 at 8:00 AM CST');
    const json = (await (await get('json')).json()) as { session: { startsAt: string; timeZone: string } };
    expect(json.session).toMatchObject({ startsAt: '2030-03-05T14:00:00.000Z', timeZone: 'America/Chicago' });
  });
});

describe('the record carries every caption language (issue 15)', () => {
  it('keeps each language as its own transcript, the default first, each marked with its language', async () => {
    const { id } = await server.createSession({
      title: 'Two languages',
      startsAt: '2030-03-05T14:00:00.000Z',
      endsAt: '2030-03-05T16:00:00.000Z',
      timeZone: 'UTC',
    });
    // A Spanish captioner writes first, on a track of their own, beside the English one.
    const sol = await joinAs(server, id, 'captioner', 'Sol');
    expect(await ask(sol.socket, 'caption:update', { text: 'Bienvenidos.', lang: 'es-MX' })).toMatchObject({
      ok: true,
    });
    await ask(sol.socket, 'caption:commit', { lang: 'es-MX' });
    const cora = await joinAs(server, id, 'captioner', 'Cora');
    await ask(cora.socket, 'caption:update', { text: 'Welcome.' });
    await ask(cora.socket, 'caption:commit', {});
    expect((await server.api('POST', `/api/sessions/${id}/lifecycle/end`, {})).status).toBe(200);
    expect((await server.api('POST', `/api/sessions/${id}/record`, {})).status).toBe(201);
    const get = (format: string) =>
      server.api('GET', `/api/public/sessions/${id}/record?format=${format}`, undefined, null);

    const json = (await (await get('json')).json()) as { transcript: { lang: string; text: string }[] };
    expect(json.transcript.map((l) => [l.lang, l.text])).toEqual([
      ['es-MX', 'Bienvenidos.'],
      ['en-US', 'Welcome.'],
    ]);
    const md = await (await get('md')).text();
    const english = md.indexOf('### American English (en\\-US)');
    const spanish = md.indexOf('### Mexican Spanish (es\\-MX)');
    expect(english).toBeGreaterThan(md.indexOf('## Transcript'));
    expect(spanish).toBeGreaterThan(english);
    expect(md.indexOf('Welcome\\.')).toBeGreaterThan(english);
    expect(md.indexOf('Bienvenidos\\.')).toBeGreaterThan(spanish);
    const html = await (await get('html')).text();
    expect(html).toMatch(/<div lang="es-MX">\n<p><time[^>]*>[^<]*<\/time> <b>[^<]+:<\/b> Bienvenidos\.<\/p>/);
    expect(html).toMatch(/<div lang="en-US">\n<p><time[^>]*>[^<]*<\/time> <b>[^<]+:<\/b> Welcome\.<\/p>/);
  });
});
