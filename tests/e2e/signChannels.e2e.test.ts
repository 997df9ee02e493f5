// Issue 15, spoken-language interpretation channels, in Chromium on a real LiveKit server: a
// Spanish interpreter's link names the language (A42); a listener chooses "Spanish (es)" by
// keyboard and then receives that interpreter's microphone (getStats() inbound-rtp audio bytes
// growing) with the floor's audio lowered beneath it; the choice survives a reload; choosing the
// floor again lets the channel go. A channel nobody chose is not received at all.
import { RoomServiceClient } from 'livekit-server-sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, focusProblems, tabTo } from '../support/a11y.js';
import {
  E2E_LIVEKIT_KEY,
  E2E_LIVEKIT_SECRET,
  startAppProcess,
  type AppProcess,
} from '../support/appProcess.js';
import { joinRoom, launchChromium, openRoom } from '../support/browser.js';

const ARTIFACTS = 'test-results';
const SPANISH = 'Spanish (es)';

let app: AppProcess;
let browser: Browser;
let sessionId: string;
let alex: Page;
const ids = { moderator: '', ana: '', eva: '' };

const open = (url: string) => openRoom(browser, url);

/** How a page receives a participant's microphone: subscribed or not, its volume, and its bytes. */
function microphoneOf(page: Page, identity: string) {
  return page.evaluate(async (id) => {
    type Pub = {
      source: string;
      isSubscribed: boolean;
      track?: { getVolume(): number; getRTCStatsReport(): Promise<RTCStatsReport | undefined> };
    };
    type Room = { remoteParticipants: Map<string, { trackPublications: Map<string, Pub> }> };
    const room = (window as unknown as { openfloor?: { room: Room } }).openfloor?.room;
    const pubs = [...(room?.remoteParticipants.get(id)?.trackPublications.values() ?? [])];
    const mic = pubs.find((p) => p.source === 'microphone');
    const report = await mic?.track?.getRTCStatsReport();
    let bytes = 0;
    report?.forEach((s: Record<string, unknown>) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') bytes = Number(s.bytesReceived ?? 0);
    });
    return {
      published: mic !== undefined,
      subscribed: mic?.isSubscribed ?? false,
      volume: mic?.track ? Math.round(mic.track.getVolume() * 100) / 100 : null,
      bytes,
    };
  }, identity);
}

/** Polls until the page has received more of the participant's audio than it had: media flows. */
async function expectAudioFlowing(page: Page, identity: string) {
  const start = (await microphoneOf(page, identity)).bytes;
  await expect
    .poll(async () => (await microphoneOf(page, identity)).bytes, { timeout: 20_000 })
    .toBeGreaterThan(start + 1000);
}

beforeAll(async () => {
  app = await startAppProcess(Number(process.env.E2E_PORT ?? 3000));
  browser = await launchChromium({ cameraFps: 5 });
  sessionId = (await app.createSession('Hearing on AI at work')).id;
  const moderator = await app.invite(sessionId, 'moderator', 'Morgan Lee');
  const ana = await app.invite(sessionId, 'interpreter', 'Ana Ruiz');
  const eva = await app.post<{ id: string; url: string }>(`/sessions/${sessionId}/invites`, {
    role: 'interpreter',
    name: 'Eva Lopez',
    language: 'es',
  });
  Object.assign(ids, { moderator: moderator.id, ana: ana.id, eva: eva.id });
  await open(moderator.url);
  await open(ana.url);
  await open(eva.url.replace(/^http:\/\/localhost:/, 'http://127.0.0.1:'));
  alex = await open((await app.invite(sessionId, 'attendee', 'Alex Kim')).url);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('a listener chooses the floor or a language', () => {
  it('A42 LiveKit names the channel, and a listener who chose nothing hears the floor and not the channel', async () => {
    const rooms = new RoomServiceClient('http://127.0.0.1:7880', E2E_LIVEKIT_KEY, E2E_LIVEKIT_SECRET);
    const eva = await rooms.getParticipant(sessionId, ids.eva);
    expect(JSON.parse(eva.metadata)).toEqual({ role: 'interpreter', channel: 'es' });
    await expect
      .poll(async () => (await microphoneOf(alex, ids.eva)).published, { timeout: 30_000 })
      .toBe(true);
    await expectAudioFlowing(alex, ids.moderator);
    expect(await microphoneOf(alex, ids.eva)).toMatchObject({ subscribed: false });
    expect((await microphoneOf(alex, ids.moderator)).volume).toBe(1);
    // The Spanish interpreter is in the public's list, as a channel, not as a second ASL interpreter.
    await alex.getByRole('button', { name: 'Participants', exact: true }).press('Enter');
    await alex.getByText(`${SPANISH} interpreter: Eva Lopez`).waitFor();
    expect(await alex.getByRole('figure', { name: 'ASL interpreter: Ana Ruiz' }).count()).toBe(1);
  });

  it('by keyboard: Spanish brings its interpreter, with the floor lowered', async () => {
    await tabTo(alex, /^\s*Settings\s*$/);
    await alex.keyboard.press('Enter');
    const listen = alex.getByRole('group', { name: 'Listen to' });
    expect(await listen.getByRole('radio', { name: 'Floor' }).isChecked()).toBe(true);
    await tabTo(alex, /^\s*Floor\s*$/);
    await alex.keyboard.press('ArrowRight');
    await alex.getByText(`Listening to ${SPANISH}, the floor lowered`).waitFor({ state: 'attached' });
    expect(await listen.getByRole('radio', { name: SPANISH }).isChecked()).toBe(true);
    await expect
      .poll(async () => (await microphoneOf(alex, ids.eva)).subscribed, { timeout: 20_000 })
      .toBe(true);
    await expectAudioFlowing(alex, ids.eva);
    expect((await microphoneOf(alex, ids.eva)).volume).toBe(1);
    expect((await microphoneOf(alex, ids.moderator)).volume).toBe(0.2);
    expect((await microphoneOf(alex, ids.ana)).volume).toBe(0.2);
    await alex.screenshot({ path: `${ARTIFACTS}/sign-channel-spanish-1280.png` });
    expect(await axeViolations(alex)).toEqual([]);
    expect(await focusProblems(alex, 40)).toEqual([]);
  });

  it('keeps the choice across a reload, and the floor again lets the channel go', async () => {
    await alex.reload();
    await joinRoom(alex);
    await expect
      .poll(async () => (await microphoneOf(alex, ids.eva)).subscribed, { timeout: 30_000 })
      .toBe(true);
    await expect.poll(async () => (await microphoneOf(alex, ids.moderator)).volume).toBe(0.2);
    await expectAudioFlowing(alex, ids.eva);
    await alex.getByRole('button', { name: 'Settings', exact: true }).press('Enter');
    const listen = alex.getByRole('group', { name: 'Listen to' });
    expect(await listen.getByRole('radio', { name: SPANISH }).isChecked()).toBe(true);

    await listen.getByRole('radio', { name: 'Floor' }).check();
    await alex.getByText('Listening to the floor').waitFor({ state: 'attached' });
    await expect.poll(async () => (await microphoneOf(alex, ids.eva)).subscribed).toBe(false);
    expect((await microphoneOf(alex, ids.moderator)).volume).toBe(1);
  });
});
