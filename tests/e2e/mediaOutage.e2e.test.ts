// The media server dies and comes back while people are in a live session. LiveKit runs here, not
// inside the app, so that the test can kill it (SIGKILL, as a crash) and start it again on the
// same port; the app only knows its address, as in a deployment with a separate media server.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RoomServiceClient, TrackSource } from 'livekit-server-sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLiveKitBinary } from '../../server/livekit/binary.js';
import { startLocalLiveKit, type LocalLiveKit } from '../../server/livekit/localServer.js';
import { WEBHOOK_PATH } from '../../server/livekit/webhook.js';
import {
  E2E_LIVEKIT_KEY,
  E2E_LIVEKIT_SECRET,
  liveKitChildrenOf,
  startAppProcess,
  type AppProcess,
} from '../support/appProcess.js';
import { axeViolations } from '../support/a11y.js';
import { launchChromium } from '../support/browser.js';
import { saveFigures } from '../support/figures.js';
import {
  freshTileFrame,
  rememberTileTrack,
  statusAt,
  statusLine,
  watched,
  watchStatus,
  watchTokenAsks,
} from '../support/pageWatch.js';

const ARTIFACTS = 'test-results';
const APP_PORT = Number(process.env.E2E_PORT ?? 3000);
// Not the app's own 7880: this server is the test's. RTC takes the two ports above it.
const LIVEKIT_PORT = 7890;
const DOWN_TEXT = /^Audio and video are down: the media server is not answering\./;
const TILE_DOWN_TEXT = 'Video down: waiting for the media server';

const figures: Record<string, number> = {};
let binary: string;
let liveKitDir: string;
let liveKit: LocalLiveKit | null = null;
let app: AppProcess;
let browser: Browser;
let sessionId: string;

interface Person {
  name: string;
  role: 'moderator' | 'interpreter' | 'attendee';
  id: string;
  url: string;
  page: Page;
}
const person = (name: string, role: Person['role']): Person => ({
  name,
  role,
  id: '',
  url: '',
  page: null as unknown as Page,
});
const people = {
  moderator: person('Morgan Lee', 'moderator'),
  ana: person('Ana Ruiz', 'interpreter'),
  attendee: person('Alex Kim', 'attendee'),
  // Joins while the media server is down: no token at all until it is back.
  late: person('Lee Park', 'attendee'),
};
const INTERPRETER_TILE = `ASL interpreter: ${people.ana.name}`;

function startLiveKit(): Promise<LocalLiveKit> {
  return startLocalLiveKit({
    binary,
    dataDir: liveKitDir,
    apiKey: E2E_LIVEKIT_KEY,
    apiSecret: E2E_LIVEKIT_SECRET,
    port: LIVEKIT_PORT,
    webhookUrl: `http://127.0.0.1:${APP_PORT}/api${WEBHOOK_PATH}`,
    log: () => undefined,
    warn: () => undefined,
    // The outage lasts until the test starts a server again, as with a LiveKit run elsewhere.
    restartOnExit: false,
  });
}

/** Kills this process's livekit-server child at once, as a crash would: no goodbye to anyone. */
function killLiveKit() {
  const pids = liveKitChildrenOf(process.pid);
  expect(pids).toHaveLength(1);
  process.kill(pids[0]!, 'SIGKILL');
  liveKit = null;
}

/** Opens the person's link and joins, watching the page from before the Join click. */
async function enter(p: Person) {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  p.page = page;
  await page.goto(p.url);
  const joinButton = page.getByRole('button', { name: 'Join room' });
  await joinButton.waitFor();
  await watchTokenAsks(page);
  await joinButton.press('Enter');
  await page.getByRole('region', { name: 'Stage' }).waitFor();
  await watchStatus(page);
}

let killedAt = 0;
let downSeenAt = 0;
let answeredAt = 0;
let tileBefore: { x: number; y: number; width: number; height: number } | null = null;

beforeAll(async () => {
  const found = ensureLiveKitBinary((line) => process.stderr.write(`${line}\n`));
  if (!found) throw new Error('No livekit-server: see the message above.');
  binary = found;
  liveKitDir = mkdtempSync(join(tmpdir(), 'openfloor-e2e-livekit-'));
  liveKit = await startLiveKit();
  app = await startAppProcess(APP_PORT, {
    env: {
      LIVEKIT_URL: liveKit.url,
      LIVEKIT_API_KEY: E2E_LIVEKIT_KEY,
      LIVEKIT_API_SECRET: E2E_LIVEKIT_SECRET,
    },
  });
  // Four pages on a small machine: a slower fake camera leaves CPU for the pages themselves.
  browser = await launchChromium({ cameraFps: 15 });
  sessionId = (await app.createSession('Media outage drill')).id;
  for (const p of Object.values(people)) Object.assign(p, await app.invite(sessionId, p.role, p.name));
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  saveFigures({ mediaOutage: figures });
  console.log('Media outage figures:', JSON.stringify(figures));
  await browser?.close();
  await app?.stop();
  await liveKit?.stop();
  if (liveKitDir) rmSync(liveKitDir, { recursive: true, force: true });
});

describe('the media server dies and comes back during a live session', () => {
  it('starts with the interpreter on screen for the attendee', async () => {
    await enter(people.moderator);
    await enter(people.ana);
    await enter(people.attendee);
    const page = people.attendee.page;
    await expect.poll(() => statusLine(page).textContent(), { timeout: 30_000 }).toBe('Connected');
    // Nothing remembered yet: any track playing will do.
    await freshTileFrame(page, INTERPRETER_TILE, 30_000);
    await rememberTileTrack(page, INTERPRETER_TILE);
    tileBefore = await page.getByRole('figure', { name: INTERPRETER_TILE }).boundingBox();
    // The moderator has muted their microphone: the outage must not turn it back on.
    const moderator = people.moderator.page;
    await moderator.getByRole('button', { name: 'Mute microphone' }).press('Enter');
    await moderator.getByRole('button', { name: 'Unmute microphone' }).waitFor();
  });

  it('says at once that audio and video are down, and shows it on the tiles', async () => {
    const page = people.attendee.page;
    killedAt = Date.now();
    killLiveKit();
    await expect.poll(() => statusLine(page).textContent(), { timeout: 15_000 }).toMatch(DOWN_TEXT);
    downSeenAt = await statusAt(page, DOWN_TEXT, killedAt);
    figures.killToStatusDownMs = downSeenAt - killedAt;
    console.log(`The attendee's status said media is down ${figures.killToStatusDownMs} ms after the kill.`);
    expect(figures.killToStatusDownMs).toBeLessThan(6_000);

    // The interpreter's tile stays where it was, says why there is no video, and shows no frozen frame.
    const tile = page.getByRole('figure', { name: INTERPRETER_TILE });
    await expect.poll(() => tile.textContent()).toContain(TILE_DOWN_TEXT);
    expect(await tile.locator('video').isHidden()).toBe(true);
    expect(await tile.boundingBox()).toEqual(tileBefore);
    // The moderator and the interpreter hear it too.
    for (const p of [people.moderator, people.ana]) {
      await expect.poll(() => statusLine(p.page).textContent(), { timeout: 15_000 }).toMatch(DOWN_TEXT);
    }
  });

  it('lets someone join while it is down, and tells them so', async () => {
    await enter(people.late);
    const page = people.late.page;
    await expect.poll(() => statusLine(page).textContent(), { timeout: 15_000 }).toMatch(DOWN_TEXT);
    await expect
      .poll(() => page.getByRole('figure', { name: INTERPRETER_TILE }).textContent())
      .toContain(TILE_DOWN_TEXT);
  });

  it('is accessible while media is down, at 1280 and at 320 px wide', async () => {
    const page = people.attendee.page;
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/media-down-1280x800.png` });
    await page.setViewportSize({ width: 320, height: 800 });
    await page.screenshot({ path: `${ARTIFACTS}/media-down-320.png` });
    await page.screenshot({ path: `${ARTIFACTS}/media-down-320-full.png`, fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    // Nothing wider than the screen at 320 px (WCAG 1.4.10 reflow).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('asks the server for no media token while it is down, and says it once', async () => {
    // Long enough for LiveKit's own first attempts to fail and this page's retries to have started.
    await people.attendee.page.waitForTimeout(4_000);
    for (const p of Object.values(people)) {
      const { tokenAsks, status, joinedAt = 0 } = await watched(p.page);
      expect(joinedAt, `${p.name}: the Join press was seen`).toBeGreaterThan(0);
      // A pre-join page asks once to connect ahead (refused at once); after the Join, never while down.
      expect(tokenAsks.filter((at) => at >= downSeenAt && at < joinedAt).length, p.name).toBeLessThanOrEqual(
        1,
      );
      expect(
        tokenAsks.filter((at) => at >= Math.max(downSeenAt, joinedAt)),
        p.name,
      ).toEqual([]);
      // A status region is read out on each change: the outage is one change, not a repeated one.
      const texts = status.filter((s) => s.at >= killedAt).map((s) => s.text);
      expect(
        texts.filter((t) => DOWN_TEXT.test(t)),
        p.name,
      ).toHaveLength(1);
      expect(
        texts.some((t, i) => i > 0 && t === texts[i - 1]),
        `${p.name}: ${JSON.stringify(texts)}`,
      ).toBe(false);
    }
  });

  it('reconnects at once when it is back, and the interpreter plays again', async () => {
    const page = people.attendee.page;
    liveKit = await startLiveKit();
    // startLocalLiveKit resolves when LiveKit answers (it polls every 100 ms).
    answeredAt = Date.now();
    figures.outageMs = answeredAt - killedAt;

    await expect.poll(() => statusLine(page).textContent(), { timeout: 30_000 }).toBe('Reconnected');
    figures.answerToStatusReconnectedMs = (await statusAt(page, 'Reconnected', answeredAt)) - answeredAt;
    figures.answerToInterpreterFrameMs = (await freshTileFrame(page, INTERPRETER_TILE, 30_000)) - answeredAt;
    console.log(
      `After LiveKit answered again: status "Reconnected" in ${figures.answerToStatusReconnectedMs} ms, ` +
        `the interpreter's first frame in ${figures.answerToInterpreterFrameMs} ms.`,
    );
    // LiveKit's own retries are up to 7 s apart, and the page's backoff reached 30 s: this is neither.
    expect(figures.answerToStatusReconnectedMs).toBeLessThan(8_000);
    expect(await page.getByRole('figure', { name: INTERPRETER_TILE }).boundingBox()).toEqual(tileBefore);

    // The one who joined during the outage, without a reload.
    const late = people.late.page;
    await expect.poll(() => statusLine(late).textContent(), { timeout: 30_000 }).toBe('Reconnected');
    figures.lateJoinerAnswerToFrameMs = (await freshTileFrame(late, INTERPRETER_TILE, 30_000)) - answeredAt;

    // One fresh token per page to come back, not a burst. None: LiveKit's own retry got there first.
    for (const p of Object.values(people)) {
      const asks = (await watched(p.page)).tokenAsks.filter((at) => at >= answeredAt);
      expect(asks.length, p.name).toBeLessThanOrEqual(1);
      if (p === people.attendee) figures.attendeeTokenAsksAfterReturn = asks.length;
    }
    // Back is said once: no "Reconnected" taken back by a "Reconnecting" a moment later.
    const afterReturn = (await watched(page)).status.filter((s) => s.at >= answeredAt).map((s) => s.text);
    expect(
      afterReturn.filter((t) => t === 'Reconnected'),
      JSON.stringify(afterReturn),
    ).toHaveLength(1);
    expect(afterReturn.at(-1)).toBe('Reconnected');
    const timeline = (await watched(page)).status
      .filter((s) => s.at >= killedAt)
      .map((s) => `${s.at - killedAt} ms: ${s.text}`);
    console.log(`The attendee's status line from the kill (LiveKit answered at ${figures.outageMs} ms):`);
    console.log(timeline.join('\n'));
  });

  it('has the moderator and the interpreter publishing again, each as they were', async () => {
    const rooms = new RoomServiceClient(
      `http://127.0.0.1:${LIVEKIT_PORT}`,
      E2E_LIVEKIT_KEY,
      E2E_LIVEKIT_SECRET,
    );
    // Each published source and whether it is muted, as the new media server sees it.
    const published = async (identity: string) =>
      Object.fromEntries(
        (await rooms.getParticipant(sessionId, identity)).tracks.map((t) => [TrackSource[t.source], t.muted]),
      );
    await expect
      .poll(() => published(people.ana.id).catch(() => ({})), { timeout: 20_000 })
      .toEqual({ CAMERA: false, MICROPHONE: false });
    await expect
      .poll(() => published(people.moderator.id).catch(() => ({})), { timeout: 20_000 })
      .toEqual({ CAMERA: false, MICROPHONE: true });
    const moderator = people.moderator.page;
    await moderator.getByRole('button', { name: 'Unmute microphone' }).waitFor();
    // And the microphone turns on again from the keyboard, when the moderator wants it.
    await moderator.getByRole('button', { name: 'Unmute microphone' }).press('Enter');
    await expect
      .poll(() => published(people.moderator.id), { timeout: 10_000 })
      .toEqual({ CAMERA: false, MICROPHONE: false });
    for (const p of [people.moderator, people.ana]) {
      await expect.poll(() => statusLine(p.page).textContent(), { timeout: 20_000 }).toBe('Reconnected');
    }
  });
});
