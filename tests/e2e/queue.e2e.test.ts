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

let app: AppProcess;
let browser: Browser;
let sessionId: string;
let rooms: RoomServiceClient;
const pages: Record<'moderator' | 'interpreter' | 'speaker' | 'attendee', Page> = {} as never;
const ids: Record<string, string> = {};
const NAMES = {
  moderator: 'Morgan Lee',
  interpreter: 'Ana Ruiz',
  speaker: 'Sam Patel',
  attendee: 'Alex Kim',
};

async function enter(key: keyof typeof NAMES) {
  const role = key;
  const invite = await app.invite(sessionId, role, NAMES[key]);
  ids[key] = invite.id;
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(invite.url);
  await page.getByRole('button', { name: 'Join room' }).press('Enter');
  await page.getByRole('region', { name: 'Stage' }).waitFor();
  pages[key] = page;
}

const publishing = async (identity: string) => {
  const p = await rooms.getParticipant(sessionId, identity);
  return { canPublish: p.permission?.canPublish ?? false, tracks: p.tracks.length };
};

beforeAll(async () => {
  app = await startAppProcess(Number(process.env.E2E_PORT ?? 3000));
  browser = await launchChromium();
  rooms = new RoomServiceClient('http://127.0.0.1:7880', E2E_LIVEKIT_KEY, E2E_LIVEKIT_SECRET);
  sessionId = (await app.createSession('Queue session')).id;
  for (const key of ['moderator', 'interpreter', 'speaker', 'attendee'] as const) await enter(key);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the moderated queue on a real LiveKit server, by keyboard alone', () => {
  it('a speaker raises a hand with Alt+Y and sees their place announced', async () => {
    const page = pages.speaker;
    await page.getByRole('textbox', { name: 'Topic (optional)' }).fill('Retraining');
    await page.keyboard.press('Alt+KeyY');
    await page.getByRole('button', { name: 'Lower hand' }).waitFor();
    await expect.poll(() => page.getByText('You are 1st in the queue').count()).toBe(1);
    const queue = pages.moderator.getByRole('region', { name: 'Speaker queue' });
    await expect.poll(() => queue.getByRole('listitem').count()).toBe(1);
    expect(await publishing(ids.speaker!)).toEqual({ canPublish: false, tracks: 0 });
    // Next in line, their camera is made ready and shown to them alone, playing, before any grant.
    const preview = page.getByRole('figure', { name: 'Your camera preview' });
    await expect
      .poll(
        () =>
          preview.locator('video').evaluate((v: HTMLVideoElement) => v.videoWidth > 0 && v.currentTime > 0),
        {
          timeout: 15_000,
        },
      )
      .toBe(true);
    expect(await publishing(ids.speaker!)).toEqual({ canPublish: false, tracks: 0 });
    await page.screenshot({ path: 'test-results/queue-next-preview-1280.png' });
    expect(await axeViolations(page)).toEqual([]);
    expect(await axeViolations(pages.moderator)).toEqual([]);
  });

  it('the moderator gives the floor: the speaker is asked, accepts, and appears on the stage beside the interpreter', async () => {
    await pages.moderator.getByRole('button', { name: `Give floor to ${NAMES.speaker}` }).press('Enter');
    // Q16: nothing is granted or published until the speaker says "Start speaking".
    const question = pages.speaker.getByRole('alertdialog', {
      name: 'The moderator is giving you the floor',
    });
    await question.waitFor();
    const start = question.getByRole('button', { name: 'Start speaking' });
    await expect.poll(() => start.evaluate((b) => b === document.activeElement)).toBe(true);
    await pages.moderator.getByText(`Asking ${NAMES.speaker} to start speaking…`).waitFor();
    expect(await publishing(ids.speaker!)).toEqual({ canPublish: false, tracks: 0 });
    await pages.speaker.screenshot({ path: 'test-results/floor-question-1280.png' });
    await pages.speaker.keyboard.press('Enter');
    await pages.speaker
      .getByRole('status')
      .filter({ hasText: `You have the floor, ${NAMES.speaker}.` })
      .waitFor();
    await pages.speaker.getByRole('timer', { name: 'Your time left' }).waitFor();
    const stage = pages.attendee.getByRole('region', { name: 'Stage' });
    const speakerTile = stage.getByRole('figure', { name: `Speaker: ${NAMES.speaker}` });
    await speakerTile.waitFor();
    await expect
      .poll(
        () =>
          speakerTile
            .locator('video')
            .evaluate((v: HTMLVideoElement) => v.videoWidth > 0 && v.currentTime > 0),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    expect(await stage.getByRole('figure', { name: `ASL interpreter: ${NAMES.interpreter}` }).count()).toBe(
      1,
    );
    await expect
      .poll(() => publishing(ids.speaker!), { timeout: 15_000 })
      .toEqual({ canPublish: true, tracks: 2 });
    await expect
      .poll(() => pages.attendee.getByRole('timer', { name: 'Time left' }).textContent())
      .toMatch(/^[23]:\d\d$/);
  });

  it('"End turn" revokes the grant, removes the tracks and returns the stage to the moderator', async () => {
    await pages.moderator.getByRole('button', { name: 'End turn' }).press('Enter');
    await expect
      .poll(() => publishing(ids.speaker!), { timeout: 15_000 })
      .toEqual({ canPublish: false, tracks: 0 });
    await pages.attendee.getByRole('figure', { name: `Moderator: ${NAMES.moderator}` }).waitFor();
    await pages.attendee.screenshot({ path: 'test-results/queue-after-turn.png', fullPage: true });
    // Out of the queue, the camera made ahead is not kept, nor shown.
    expect(await pages.speaker.getByRole('figure', { name: 'Your camera preview' }).count()).toBe(0);
  });

  it('a written remark is shown on the stage to everyone, attributed, via Alt+N for next', async () => {
    const page = pages.attendee;
    await page.getByRole('radio', { name: 'Send a written remark' }).check();
    await page.getByRole('textbox', { name: 'Your remark' }).fill('Please keep humans in the loop.');
    await page.getByRole('button', { name: 'Raise hand' }).press('Enter');
    await pages.moderator.getByRole('button', { name: `Give floor to ${NAMES.attendee}` }).waitFor();
    await pages.moderator.keyboard.press('Alt+KeyN');
    const card = pages.speaker.getByRole('figure', { name: `Written remark: ${NAMES.attendee}` });
    await expect.poll(() => card.textContent()).toContain('Please keep humans in the loop.');
  });

  it('the moderator reorders and clears the queue with the keyboard', async () => {
    await pages.moderator.getByRole('button', { name: 'End turn' }).press('Enter');
    await pages.speaker.getByRole('button', { name: 'Raise hand' }).press('Enter');
    await pages.attendee.getByRole('button', { name: 'Raise hand' }).press('Enter');
    const queue = pages.moderator.getByRole('region', { name: 'Speaker queue' });
    await expect.poll(() => queue.getByRole('listitem').count()).toBe(2);
    expect(await queue.getByRole('listitem').first().textContent()).toContain(NAMES.speaker);
    await queue.getByRole('button', { name: `Move ${NAMES.attendee} up` }).press('Enter');
    await expect.poll(() => queue.getByRole('listitem').first().textContent()).toContain(NAMES.attendee);
    await expect.poll(() => pages.speaker.getByText('You are 2nd in the queue').count()).toBe(1);
    await queue.getByRole('button', { name: 'Lower all hands' }).press('Enter');
    await expect.poll(() => queue.getByRole('listitem').count()).toBe(0);
    await pages.speaker.getByRole('button', { name: 'Raise hand' }).waitFor();
  });
});
