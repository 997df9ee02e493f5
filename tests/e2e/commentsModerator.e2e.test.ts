// A moderator's own page of comments (A31), in a real Chromium against the real server and LiveKit:
// from the room, by keyboard, the moderator opens "Comments from the public" in a new tab, plays a
// video comment, publishes one comment and rejects another with a reason. The link stays in the
// path, as the room keeps it: never in a query string or a Referer. An attendee's room has no such entry, and their link is refused.
// axe and the focus walk at zero; screenshots at 1280 and 320 px go to test-results/.
import { readFileSync } from 'node:fs';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModeratedComment } from '../../shared/comments.js';
import { checkPage } from '../support/pageChecks.js';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { launchChromium, openRoom } from '../support/browser.js';
import { linkToken } from '../support/organizerApi.js';

let app: AppProcess;
let browser: Browser;
let sessionId: string;

const organizer = (path: string, init: RequestInit = {}) =>
  fetch(`${app.url}/api${path}`, {
    ...init,
    headers: { authorization: `Bearer ${app.organizerToken}`, 'content-type': 'application/json' },
  });

/** Sends a comment as the public does, multipart. */
async function comment(kind: 'written' | 'video', fields: Record<string, string>, video?: Buffer) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (video) form.append('video', new Blob([new Uint8Array(video)]), 'comment.webm');
  const res = await fetch(`${app.url}/api/public/sessions/${sessionId}/comments/${kind}`, {
    method: 'POST',
    body: form,
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

/** The checks every new page owes, its pictures named comments-NAME. */
const check = (page: Page, name: string) => checkPage(page, `comments-${name}`);

beforeAll(async () => {
  app = await startAppProcess(Number(process.env.E2E_PORT ?? 3000));
  browser = await launchChromium({ cameraFps: 10 });
  ({ id: sessionId } = await app.createSession('Hearing on scheduling', 'live', {
    focus: 'Scheduling at work',
  }));
  const now = Date.now();
  const settings = await organizer(`/sessions/${sessionId}/comment-settings`, {
    method: 'PUT',
    body: JSON.stringify({
      opensAt: new Date(now - 3_600_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
    }),
  });
  expect(settings.status).toBe(200);
  const who = { email: 'rosa@example.org', organization: 'Local 12', topic: 'Scheduling at work' };
  await comment('written', { ...who, name: 'Rosa Diaz', text: 'Our shifts change every day.' });
  await comment('written', { ...who, name: 'Buy Now', text: 'Cheap watches at example.com.' });
  await comment(
    'video',
    { ...who, name: 'Dee Signer', summary: 'On notice.' },
    readFileSync('tests/fixtures/chromium-1s.webm'),
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('A31 a moderator decides on comments on a page of their own', () => {
  it(
    'opens it from the room by keyboard, publishes one and rejects one with a reason',
    { timeout: 180_000 },
    async () => {
      const moderator = await app.invite(sessionId, 'moderator', 'Morgan Lee');
      const token = linkToken(moderator.url);
      const room = await openRoom(browser, moderator.url);
      const entry = room.getByRole('link', { name: 'Comments from the public (opens in a new tab)' });
      await entry.focus();
      await room.screenshot({ path: 'test-results/comments-moderator-room-1280.png' });
      const [page] = await Promise.all([room.context().waitForEvent('page'), room.keyboard.press('Enter')]);
      const requests: Request[] = [];
      page.on('request', (r) => requests.push(r));
      await page.getByRole('heading', { name: 'Comments: Hearing on scheduling', level: 1 }).waitFor();
      const list = page.getByRole('region', { name: /^Comments \(/ });
      await list.getByRole('heading', { name: 'Comment 3: Dee Signer' }).waitFor();
      // The video, fetched with the link as a Bearer token and shown from a copy: it plays.
      const video = list.getByLabel('Video of comment 3');
      await expect
        .poll(() => video.evaluate((v) => (v as HTMLVideoElement).readyState))
        .toBeGreaterThanOrEqual(1);
      expect(await video.evaluate((v) => (v as HTMLVideoElement).src)).toMatch(/^blob:/);
      await list.getByText(/^Video \(1 s\)/).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/join/${token}/comments`);
      expect(new URL(page.url()).search).toBe('');
      expect(await page.evaluate(() => document.referrer)).toBe('');
      await check(page, 'moderator-page');

      await list.getByRole('button', { name: 'Publish comment 1' }).press('Enter');
      await list.getByRole('status').filter({ hasText: 'Comment 1 published.' }).waitFor();
      await list
        .getByRole('combobox', { name: 'Reason to reject comment 2' })
        .selectOption({ label: 'Off topic' });
      await list.getByRole('button', { name: 'Reject comment 2' }).press('Enter');
      await list.getByRole('status').filter({ hasText: 'Comment 2 rejected.' }).waitFor();
      await list.getByRole('heading', { name: 'Comment 1: Rosa Diaz' }).waitFor({ state: 'detached' });
      await check(page, 'moderator-decided');

      // The server took both, signed with the moderator's name; the link was never in a query.
      const all = (await (await organizer(`/sessions/${sessionId}/comments?status=all`)).json()) as {
        comments: ModeratedComment[];
      };
      expect(all.comments.map((c) => [c.number, c.status, c.reason, c.decidedBy])).toEqual([
        [1, 'published', null, 'Morgan Lee'],
        [2, 'rejected', 'off-topic', 'Morgan Lee'],
        [3, 'pending', null, null],
      ]);
      const api = requests.filter((r) => new URL(r.url()).pathname.startsWith('/api/'));
      expect(api.length).toBeGreaterThan(0);
      for (const r of api) {
        // In a path, as the room's own /api/join/:token has it; never in a query string.
        expect(new URL(r.url()).search).not.toContain(token);
        expect(r.headers().referer ?? '').toBe('');
      }
    },
  );

  it('is not offered to an attendee, and refuses their link', { timeout: 120_000 }, async () => {
    const attendee = await app.invite(sessionId, 'attendee', 'Alex Kim');
    const room = await openRoom(browser, attendee.url);
    expect(await room.getByRole('link', { name: /Comments from the public/ }).count()).toBe(0);
    const page = await room.context().newPage();
    await page.goto(`${attendee.url}/comments`);
    await page
      .getByRole('alert')
      .filter({ hasText: 'Only the session’s moderators decide on its comments.' })
      .waitFor();
    expect(await page.getByRole('button', { name: /^Publish/ }).count()).toBe(0);
    const asked = await fetch(`${app.url}/api/sessions/${sessionId}/comments`, {
      headers: { authorization: `Bearer ${linkToken(attendee.url)}` },
    });
    expect(asked.status).toBe(403);
  });

  it(
    'still moderates after the session: the end page leads to the same page',
    { timeout: 120_000 },
    async () => {
      const moderator = await app.invite(sessionId, 'moderator', 'Sam Ortiz');
      const room = await openRoom(browser, moderator.url);
      expect(
        (await organizer(`/sessions/${sessionId}/lifecycle/end`, { method: 'POST', body: '{}' })).status,
      ).toBe(200);
      await room.getByRole('heading', { level: 1, name: 'The session has ended' }).waitFor();
      const entry = room
        .getByRole('region', { name: 'Comments from the public' })
        .getByRole('link', { name: 'Comments from the public (opens in a new tab)' });
      await entry.focus();
      const [page] = await Promise.all([room.context().waitForEvent('page'), room.keyboard.press('Enter')]);
      const list = page.getByRole('region', { name: /^Comments \(/ });
      await list.getByRole('button', { name: 'Mark comment 3 to be read into the record' }).press('Enter');
      await list
        .getByRole('status')
        .filter({ hasText: 'Comment 3 marked to be read into the record.' })
        .waitFor();
    },
  );
});
