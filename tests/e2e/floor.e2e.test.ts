import { RoomServiceClient } from 'livekit-server-sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  E2E_LIVEKIT_KEY,
  E2E_LIVEKIT_SECRET,
  startAppProcess,
  type AppProcess,
} from '../support/appProcess.js';
import { axeViolations } from '../support/a11y.js';
import { launchChromium } from '../support/browser.js';
import { linkIn, outboxMail } from '../support/mail.js';

// The queue knows who is here (Q15) and the speaker is asked first (Q16, Q17), in a browser, on a
// real LiveKit server: a registrant queued at go-live who never came is passed over by "Next", a
// registrant who came is told where they stand, and the question is accepted, declined or left.

let app: AppProcess;
let browser: Browser;
let rooms: RoomServiceClient;
let sessionId: string;
let moderator: Page;
let sam: Page;
let alex: Page;
const QUESTION = 'The moderator is giving you the floor';

async function open(url: string, width = 1280, height = 800): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height } })).newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Join room' }).press('Enter');
  await page.getByRole('region', { name: 'Stage' }).waitFor();
  return page;
}

async function register(name: string, email: string) {
  const body = { name, email, affiliation: 'worker', wishToSpeak: true, topic: 'Scheduling' };
  const res = await fetch(`${app.url}/api/public/sessions/${sessionId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
}

/** What the page's polite live region has said most recently. */
const announced = (page: Page) => page.locator('.room-shell > [aria-live="polite"]').textContent();

const publishing = async (identity: string) => {
  const p = await rooms.getParticipant(sessionId, identity).catch(() => null);
  return { canPublish: p?.permission?.canPublish ?? false, tracks: p?.tracks.length ?? 0 };
};

beforeAll(async () => {
  app = await startAppProcess(Number(process.env.E2E_PORT ?? 3000));
  browser = await launchChromium({ cameraFps: 15 });
  rooms = new RoomServiceClient('http://127.0.0.1:7880', E2E_LIVEKIT_KEY, E2E_LIVEKIT_SECRET);
  sessionId = (await app.createSession('Floor session', 'lobby')).id;
  await register('Rita Absent', 'rita@example.org');
  await register('Sam Patel', 'sam@example.org');
  await app.post(`/sessions/${sessionId}/lifecycle/go-live`, {});
  moderator = await open((await app.invite(sessionId, 'moderator', 'Morgan Lee')).url);
  const samMail = await outboxMail(app.dataDir, 'sam@example.org', /You are registered/);
  sam = await open(linkIn(samMail, 'join', app.url)!);
  alex = await open((await app.invite(sessionId, 'attendee', 'Alex Kim')).url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the queue knows who is here, and the speaker is asked first', () => {
  it('a registrant queued at go-live is told so, and Alt+Y tells before it ever lowers', async () => {
    await sam.getByText('Your hand is raised: you are 2nd of 2 in the queue.').waitFor();
    await sam.keyboard.press('Alt+KeyY');
    await expect.poll(() => announced(sam)).toMatch(/already raised: you are 2nd of 2.*Alt\+Y again/);
    const queue = moderator.getByRole('region', { name: 'Speaker queue' });
    await expect.poll(() => queue.getByRole('listitem').count()).toBe(2);
    await expect.poll(() => queue.getByRole('listitem').first().textContent()).toContain('(not here)');
    expect(await queue.getByRole('listitem').nth(1).textContent()).not.toContain('(not here)');
  });

  it('Next passes over the registrant who is not here, says so, and asks the next one', async () => {
    await moderator.getByRole('button', { name: 'Next speaker' }).press('Enter');
    const panel = moderator.getByRole('region', { name: 'Queue and floor' });
    await panel.getByText('Skipped Rita Absent: not in the room.').waitFor();
    await panel.getByText('Asking Sam Patel to start speaking…').waitFor();
    // Both said, in one message or the other order, neither cutting the other off.
    const both = async () => {
      const text = (await announced(moderator)) ?? '';
      return text.includes('Asking Sam Patel to start speaking') && text.includes('Skipped Rita Absent');
    };
    await expect.poll(both).toBe(true);
    await sam.getByRole('alertdialog', { name: QUESTION }).waitFor();
    expect(await axeViolations(sam)).toEqual([]);
    expect(await axeViolations(moderator)).toEqual([]);
    await moderator.screenshot({ path: 'test-results/floor-moderator-asking-1280.png' });
  });

  it('Start speaking: the grant comes with the answer, and the banner says it is their turn', async () => {
    // Asked, Sam's camera and microphone are ready on the page, and nothing is sent before the grant.
    expect(await publishing(await samIdentity())).toEqual({ canPublish: false, tracks: 0 });
    await sam.getByRole('button', { name: 'Start speaking' }).press('Enter');
    const banner = sam.getByRole('status').filter({ hasText: 'You have the floor, Sam Patel.' });
    await banner.waitFor();
    // The clock is read when the turn appears, not when the page opened (it showed 3:16 of 3:00).
    expect(await sam.getByRole('timer', { name: 'Your time left' }).textContent()).toMatch(
      /^(3:00|2:[0-5]\d)$/,
    );
    await expect.poll(async () => (await publishing(await samIdentity())).canPublish).toBe(true);
    await alex.getByRole('figure', { name: 'Speaker: Sam Patel' }).waitFor();
    await sam.setViewportSize({ width: 320, height: 640 });
    await sam.screenshot({ path: 'test-results/floor-banner-320.png', fullPage: true });
    await sam.setViewportSize({ width: 1280, height: 800 });
    await sam.screenshot({ path: 'test-results/floor-banner-1280.png' });
    await moderator.getByRole('button', { name: 'End turn' }).press('Enter');
    await expect.poll(async () => (await publishing(await samIdentity())).canPublish).toBe(false);
  });

  it('Not now lowers the hand and the moderator is told', async () => {
    await alex.getByRole('button', { name: 'Raise hand' }).press('Enter');
    await moderator.getByRole('button', { name: 'Give floor to Alex Kim' }).press('Enter');
    const question = alex.getByRole('alertdialog', { name: QUESTION });
    await question.waitFor();
    await alex.setViewportSize({ width: 320, height: 640 });
    await alex.screenshot({ path: 'test-results/floor-question-320.png' });
    await question.getByRole('button', { name: 'Not now' }).press('Enter');
    await question.waitFor({ state: 'detached' });
    await alex.getByRole('button', { name: 'Raise hand' }).waitFor();
    await expect.poll(() => announced(moderator)).toMatch(/Alex Kim said not now; their hand is lowered/);
    await alex.setViewportSize({ width: 1280, height: 800 });
  });

  it('an unanswered question goes back to the moderator after 20 s; the hand stays raised', async () => {
    await alex.getByRole('button', { name: 'Raise hand' }).press('Enter');
    await moderator.getByRole('button', { name: 'Give floor to Alex Kim' }).press('Enter');
    const question = alex.getByRole('alertdialog', { name: QUESTION });
    await question.waitFor();
    await question.waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(() => announced(alex)).toMatch(/did not answer in time/);
    await expect
      .poll(() => announced(moderator))
      .toMatch(/Alex Kim did not answer; they keep their place in the queue/);
    await alex.getByRole('button', { name: 'Lower hand' }).waitFor();
    expect((await publishing(await alexIdentity())).canPublish).toBe(false);
  });

  it('giving the floor to someone who left is refused by name', async () => {
    await alex.context().close();
    const queue = moderator.getByRole('region', { name: 'Speaker queue' });
    await expect
      .poll(() => queue.getByRole('listitem').filter({ hasText: 'Alex Kim' }).textContent())
      .toContain('(not here)');
    await moderator.getByRole('button', { name: 'Give floor to Alex Kim' }).press('Enter');
    await moderator
      .getByRole('alert')
      .filter({ hasText: 'Alex Kim is not in the room right now.' })
      .waitFor();
  });
});

// The LiveKit identity is the invite id, which the pages do not show: read it from the media room.
async function identityOf(name: string): Promise<string> {
  const people = await rooms.listParticipants(sessionId);
  const found = people.find((p) => p.name === name);
  if (!found) throw new Error(`${name} is not in the media room`);
  return found.identity;
}
const samIdentity = () => identityOf('Sam Patel');
const alexIdentity = () => identityOf('Alex Kim');
