// The Content-Security-Policy (server/http/security.ts) in a real Chromium: every kind of page,
// the room with LiveKit media connected, runs without a single violation.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InviteRole } from '../../shared/roles.js';
import { startAppProcess, type AppProcess } from '../support/appProcess.js';
import { joinRoom, launchChromium } from '../support/browser.js';

let app: AppProcess;
let browser: Browser;
let liveId: string;
let endedId: string;
/** Every violation any page reported, as "page: directive blocked-uri" or a console line. */
const violations: string[] = [];

/** A context whose pages report each `securitypolicyviolation` event and each CSP console error. */
async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.exposeBinding('__reportCsp', ({ page }, what: string) => {
    violations.push(`${page.url()}: ${what}`);
  });
  // Injected by the browser's debugging protocol, not as page script: the policy does not apply.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp: (s: string) => void }).__reportCsp(
        `${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  context.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) {
      violations.push(`${message.page()?.url() ?? '?'}: console: ${message.text()}`);
    }
  });
  return context;
}

async function open(path: string, ready: (page: Page) => Promise<unknown>): Promise<Page> {
  const page = await (await newContext()).newPage();
  await page.goto(`${app.url}${path}`);
  await ready(page);
  return page;
}

/** Joins the live room through a personal link and waits until audio and video are connected. */
async function enter(role: InviteRole, name: string): Promise<Page> {
  const invite = await app.invite(liveId, role, name);
  const page = await open(new URL(invite.url).pathname, (p) =>
    p.getByRole('button', { name: 'Join room' }).waitFor(),
  );
  await joinRoom(page);
  return page;
}

beforeAll(async () => {
  app = await startAppProcess(Number(process.env.E2E_PORT ?? 3000));
  browser = await launchChromium({ cameraFps: 5 });
  liveId = (await app.createSession('Listening session on AI at work')).id;
  endedId = (await app.createSession('Past session')).id;
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('Content-Security-Policy in the browser', () => {
  it('the public pages, a bad link and a published record run without a violation', async () => {
    await open('/', (p) => p.getByRole('heading', { level: 1 }).waitFor());
    await open('/sessions', (p) =>
      p.getByRole('heading', { name: 'Listening session on AI at work' }).waitFor(),
    );
    await open(`/sessions/${liveId}/register`, (p) =>
      p.getByRole('heading', { name: /^Register:/ }).waitFor(),
    );
    // The server's own page, with its inline <style> allowed by hash.
    const bad = await open('/join/not-a-real-link', (p) => p.getByRole('heading', { level: 1 }).waitFor());
    expect(await bad.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/system-ui/);
    await app.post(`/sessions/${endedId}/lifecycle/end`, {});
    await app.post(`/sessions/${endedId}/record`, {});
    await open(`/records/${endedId}`, (p) => p.getByRole('heading', { name: /Past session/ }).waitFor());
    // The record as the server renders it, with its own inline <style>.
    await open(`/api/public/sessions/${endedId}/record?format=html`, (p) =>
      p.getByRole('heading', { name: 'Record: Past session' }).waitFor(),
    );
    expect(violations).toEqual([]);
  });

  it("the organizer's pages run without a violation", async () => {
    const page = await open('/organizer', (p) => p.getByLabel('Organizer token').waitFor());
    const signIn = await page.request.post(`${app.url}/api/organizer/sign-in`, {
      data: { token: app.organizerToken },
    });
    expect(signIn.status()).toBe(204);
    await page.reload();
    await page.getByRole('link', { name: 'Listening session on AI at work' }).waitFor();
    await page.goto(`${app.url}/organizer/sessions/${liveId}`);
    await page.getByRole('heading', { name: /^Registrations/ }).waitFor();
    expect(violations).toEqual([]);
  });

  it("the room as a moderator and as an attendee, media connected, the captions-only page and the moderator's comments page", async () => {
    const moderator = await enter('moderator', 'Morgan Lee');
    const attendee = await enter('attendee', 'Alex Kim');
    // The moderator's camera reaches the attendee: LiveKit's socket, media and video elements work.
    await expect
      .poll(
        () =>
          attendee.evaluate(() =>
            [...document.querySelectorAll('video')].some((v) => v.readyState >= 2 && v.videoWidth > 0),
          ),
        { timeout: 30_000 },
      )
      .toBe(true);
    const captioner = await app.invite(liveId, 'captioner', 'Cam Jones');
    await open(new URL(captioner.url).pathname.replace('/join/', '/captions/'), (p) =>
      p.getByRole('log', { name: 'Captions' }).waitFor(),
    );
    // The moderator's own page for the public's comments, opened with the room's link.
    await open(`${new URL(moderator.url()).pathname}/comments`, (p) =>
      p.getByRole('heading', { level: 1, name: /^Comments:/ }).waitFor(),
    );
    await moderator.waitForTimeout(500);
    expect(violations).toEqual([]);
  });
});
