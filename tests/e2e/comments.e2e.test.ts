// Issue 16 in a real Chromium, against the real server: a commenter records a video comment with the
// fake camera, records it again, and sends it; the organizer publishes it; it plays on the record
// page. Every new page has no axe WCAG 2.2 A/AA violation, shows focus on every Tab stop, and
// reflows at 320 px. Screenshots go to test-results/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModeratedComment } from '../../shared/comments.js';
import { checkPage } from '../support/pageChecks.js';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { launchChromium } from '../support/browser.js';

let app: AppProcess;
let browser: Browser;
let sessionId: string;

async function newPage(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'America/Chicago',
  });
  return context.newPage();
}

/** The checks every new page owes, its pictures named comments-NAME. */
const check = (page: Page, name: string) => checkPage(page, `comments-${name}`);

const organizer = (path: string, init: RequestInit = {}) =>
  fetch(`${app.url}/api${path}`, {
    ...init,
    headers: { authorization: `Bearer ${app.organizerToken}`, 'content-type': 'application/json' },
  });

/** Records for about `ms` with the fake camera, from the camera's preview to the recording's. */
async function record(page: Page, ms: number) {
  await page.getByRole('button', { name: 'Start recording' }).click();
  await page.getByRole('timer').waitFor();
  await page.waitForTimeout(ms);
  await page.getByRole('button', { name: 'Stop recording' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^Recorded \d+ s\./ })
    .waitFor();
}

beforeAll(async () => {
  app = await startAppProcess(Number(process.env.E2E_PORT ?? 3000));
  browser = await launchChromium();
  ({ id: sessionId } = await app.createSession('Hearing on scheduling', 'live', {
    focus: 'Scheduling at work',
    timeZone: 'America/Chicago',
  }));
  const now = Date.now();
  const settings = await organizer(`/sessions/${sessionId}/comment-settings`, {
    method: 'PUT',
    body: JSON.stringify({
      opensAt: new Date(now - 3_600_000).toISOString(),
      closesAt: new Date(now + 3 * 86_400_000).toISOString(),
      videoMaxSeconds: 60,
      anonymousAllowed: true,
    }),
  });
  expect(settings.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('a video comment, from the camera to the record', () => {
  it(
    'is recorded, recorded again and sent; the organizer publishes it; it plays on the record page',
    { timeout: 180_000 },
    async () => {
      // The commenter.
      const page = await newPage();
      await page.goto(`${app.url}/sessions`);
      await page.getByRole('link', { name: 'Comment on Hearing on scheduling' }).click();
      await page.getByRole('heading', { name: 'Comment: Hearing on scheduling' }).waitFor();
      await page.getByText(/^Comments are open until .*: 2 days 23 hours left\.$/).waitFor();
      await check(page, 'written-form');

      await page.getByRole('radio', { name: /^On video/ }).check();
      await page.getByRole('button', { name: 'Turn on camera and microphone' }).click();
      await page.getByRole('button', { name: 'Start recording' }).waitFor();
      // The fake camera shows in the preview before anything is recorded.
      await expect
        .poll(() => page.getByLabel('Camera preview').evaluate((v) => (v as HTMLVideoElement).videoWidth))
        .toBeGreaterThan(0);
      await check(page, 'camera');

      await record(page, 1500);
      const first = await page.getByLabel('Your recording').evaluate((v) => (v as HTMLVideoElement).src);
      await page.getByRole('button', { name: 'Record again' }).click();
      await page.getByRole('button', { name: 'Start recording' }).waitFor();
      await record(page, 3500);
      const second = await page.getByLabel('Your recording').evaluate((v) => (v as HTMLVideoElement).src);
      expect(second).not.toBe(first);
      await check(page, 'recorded');

      await page.getByLabel('Full name').fill('Dee Signer');
      await page.getByLabel('Email (never published)').fill('dee@example.org');
      await page.getByRole('checkbox', { name: /^This comment is in ASL/ }).check();
      await page.getByLabel('Written summary (optional)').fill('Our shifts change every day.');
      await page.getByRole('button', { name: 'Send comment' }).click();
      await page.getByRole('heading', { name: 'Comment received' }).waitFor();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe('Comment received');
      await check(page, 'received');

      // What arrived: the second recording (about 4 s, not 2), a WebM, marked as signed.
      const listed = (await (await organizer(`/sessions/${sessionId}/comments?status=pending`)).json()) as {
        comments: ModeratedComment[];
      };
      expect(listed.comments).toHaveLength(1);
      const [comment] = listed.comments as [ModeratedComment];
      expect(comment).toMatchObject({
        kind: 'video',
        signed: true,
        name: 'Dee Signer',
        text: 'Our shifts change every day.',
      });
      expect(comment.durationSeconds).toBeGreaterThanOrEqual(3);
      expect(comment.files.map((f) => [f.role, f.type])).toEqual([['video', 'video/webm']]);

      // The organizer.
      const admin = await newPage();
      const signedIn = await admin.request.post(`${app.url}/api/organizer/sign-in`, {
        data: { token: app.organizerToken },
      });
      expect(signedIn.status()).toBe(204);
      await admin.goto(`${app.url}/organizer/sessions/${sessionId}`);
      const section = admin.getByRole('region', { name: /^Comments/ });
      await section.getByRole('heading', { name: 'Comment 1: Dee Signer' }).waitFor();
      await expect
        .poll(() =>
          section.getByLabel('Video of comment 1').evaluate((v) => (v as HTMLVideoElement).readyState),
        )
        .toBeGreaterThanOrEqual(1);
      await check(admin, 'moderation');
      await section.getByRole('button', { name: 'Publish comment 1' }).click();
      await section.getByRole('status').filter({ hasText: 'Comment 1 published.' }).waitFor();

      // The record.
      expect(
        (await organizer(`/sessions/${sessionId}/lifecycle/end`, { method: 'POST', body: '{}' })).status,
      ).toBe(200);
      expect((await organizer(`/sessions/${sessionId}/record`, { method: 'POST', body: '{}' })).status).toBe(
        201,
      );
      const reader = await newPage();
      await reader.goto(`${app.url}/records/${sessionId}`);
      await reader.getByRole('heading', { name: 'Comment 1: Dee Signer' }).waitFor();
      await reader.getByText('Video comment in ASL on Scheduling at work', { exact: false }).waitFor();
      const video = reader.getByLabel('Video comment 1');
      const played = await video.evaluate(async (el) => {
        const v = el as HTMLVideoElement;
        v.muted = true;
        await v.play();
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return { time: v.currentTime, width: v.videoWidth, error: v.error?.code ?? null };
      });
      expect(played.error).toBeNull();
      expect(played.width).toBeGreaterThan(0);
      expect(played.time).toBeGreaterThan(0.5);
      await check(reader, 'record');
    },
  );
});
