// Losing a LiveKit node loses no grant. Two OpenFloor nodes behind HAProxy, two LiveKit nodes on one
// Redis behind their own HAProxy (docs/haproxy-livekit.cfg), and three people in Chromium: a
// moderator, a speaker who is given the floor and mutes their microphone, and an attendee who
// watches the speaker. The LiveKit node that hosts the room is killed (SIGKILL): the room comes back
// on the other node, the speaker publishes again as they were (camera on, microphone still muted)
// and may still publish, the attendee still may not, and the attendee sees the speaker again.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveKitNode } from '../../scripts/cluster/index.js';
import { launchChromium } from '../support/browser.js';
import { startTestCluster, type TestCluster } from '../support/cluster.js';
import { liveKitApi, participantOn, roomHost, type MediaParticipant } from '../support/liveKitCluster.js';

const ARTIFACTS = 'test-results';
const FIGURES_PATH = `${ARTIFACTS}/media-failover.json`;
const RECONNECTING = 'Reconnecting audio and video…';
const MEDIA_DOWN = /^Audio and video are down/;
const QUESTION = 'The moderator is giving you the floor';

interface Person {
  name: string;
  role: 'moderator' | 'speaker' | 'attendee';
  /** The invite's id: the person's LiveKit identity. */
  id: string;
  url: string;
  page: Page;
}
const person = (name: string, role: Person['role']): Person =>
  ({ name, role, id: '', url: '', page: null }) as unknown as Person;
const moderator = person('Morgan Lee', 'moderator');
const speaker = person('Sam Patel', 'speaker');
const attendee = person('Alex Kim', 'attendee');
const SPEAKER_TILE = `Speaker: ${speaker.name}`;

type Watched = Window & { statusLog?: { at: number; text: string }[]; tokenAsks?: number[] };

const figures: Record<string, number | string> = {};
/** Each person's LiveKit connection id before the kill: after it, each must have a new one. */
const sidBefore = new Map<string, string>();
let cluster: TestCluster;
let browser: Browser;
let sessionId: string;

const statusLine = (page: Page): Locator => page.getByRole('banner').getByRole('status');

/**
 * Holds the page's first connection to LiveKit until `release` resolves, as a slow network or a media
 * reconnection under way would; later connections pass at once. The page's own WebSocket still makes
 * each connection (Playwright's routing wraps it in the page).
 */
async function holdFirstMediaConnection(page: Page, release: Promise<void>) {
  const port = new URL(cluster.livekitAccess.url).port;
  let first = true;
  await page.routeWebSocket(
    (url) => url.port === port,
    async (ws) => {
      if (first) {
        first = false;
        await release;
      }
      ws.connectToServer();
    },
  );
}

/** Opens the person's link, joins, and records every change of the page's status line from then on. */
async function enter(p: Person, prepare?: (page: Page) => Promise<void>) {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  p.page = page;
  await prepare?.(page);
  await page.goto(p.url);
  const join = page.getByRole('button', { name: 'Join room' });
  await join.waitFor();
  // When the page asks OpenFloor for a media token (after LiveKit gives up on its own reconnection).
  await page.evaluate(() => {
    const asks: number[] = [];
    (window as Watched).tokenAsks = asks;
    window.openfloor!.socket.onAnyOutgoing((event: string) => {
      if (event === 'room:media-token') asks.push(Date.now());
    });
  });
  await join.press('Enter');
  await page.getByRole('region', { name: 'Stage' }).waitFor();
  await statusLine(page).evaluate((el) => {
    const log: { at: number; text: string }[] = [];
    (window as Watched).statusLog = log;
    const note = () => log.push({ at: Date.now(), text: el.textContent ?? '' });
    note();
    new MutationObserver(note).observe(el, { childList: true, characterData: true, subtree: true });
  });
}

/** What the page's status line said since `since` (this machine's clock: the pages run here too). */
const statusSince = async (page: Page, since: number) =>
  (await page.evaluate(() => (window as Watched).statusLog!)).filter((s) => s.at >= since).map((s) => s.text);

/** The speaker's camera as a page receives it: LiveKit's track id and frames decoded on it so far. */
function speakerCamera(page: Page, identity: string) {
  return page.evaluate(async (id) => {
    type Pub = {
      source: string;
      trackSid: string;
      track?: { getRTCStatsReport(): Promise<RTCStatsReport | undefined> };
    };
    type Room = { remoteParticipants: Map<string, { trackPublications: Map<string, Pub> }> };
    const room = (window as unknown as { openfloor?: { room: Room } }).openfloor?.room;
    const pubs = room?.remoteParticipants.get(id)?.trackPublications.values() ?? [];
    const camera = [...pubs].find((p) => p.source === 'camera');
    let framesDecoded = 0;
    (await camera?.track?.getRTCStatsReport())?.forEach((s: Record<string, unknown>) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') framesDecoded = Number(s.framesDecoded ?? 0);
    });
    return camera ? { sid: camera.trackSid, framesDecoded } : null;
  }, identity);
}

/** Whether the speaker's tile shows a playing video (not a placeholder, not a hidden element). */
/** What LiveKit says of the person once they have joined the room again (a new sid), else null. */
async function rejoined(url: string, p: Person): Promise<Omit<MediaParticipant, 'sid'> | null> {
  const { apiKey, apiSecret } = cluster.livekitAccess;
  const found = await participantOn(liveKitApi(url, apiKey, apiSecret), sessionId, p.id);
  if (!found || found.sid === sidBefore.get(p.id)) return null;
  return { canPublish: found.canPublish, canSubscribe: found.canSubscribe, tracks: found.tracks };
}

const speakerOnScreen = (page: Page) =>
  page
    .getByRole('figure', { name: SPEAKER_TILE })
    .locator('video')
    .evaluate((v: HTMLVideoElement) => !v.hidden && v.videoWidth > 0 && v.currentTime > 0)
    .catch(() => false);

beforeAll(async () => {
  cluster = await startTestCluster({ nodes: 2, livekit: true });
  // Three pages on two cores: a slower fake camera leaves CPU for the pages and the servers.
  browser = await launchChromium({ cameraFps: 15 });
  sessionId = (await cluster.api.createSession('Media failover')).id;
  for (const p of [moderator, speaker, attendee]) {
    Object.assign(p, await cluster.api.invite(sessionId, p.role, p.name));
  }
  mkdirSync(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(FIGURES_PATH, `${JSON.stringify(figures, null, 2)}\n`);
  await browser?.close();
  await cluster?.stop();
}, 60_000);

describe('a LiveKit node dies under a live session', () => {
  let host: LiveKitNode;
  let survivor: LiveKitNode;
  let speakerTrack = '';

  it('has the speaker on the floor, seen by the attendee, through the LiveKit proxy', async () => {
    expect(cluster.livekitAccess.url).toBe(cluster.livekitProxy!.url);
    // The speaker's media connection is slow to come up: the floor is given before it is there.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await Promise.all([
      enter(moderator),
      enter(speaker, (page) => holdFirstMediaConnection(page, held)),
      enter(attendee),
    ]);
    await speaker.page.getByRole('button', { name: 'Raise hand' }).press('Enter');
    await moderator.page.getByRole('button', { name: `Give floor to ${speaker.name}` }).press('Enter');
    const question = speaker.page.getByRole('alertdialog', { name: QUESTION });
    await question.getByRole('button', { name: 'Start speaking' }).press('Enter');
    await speaker.page
      .getByRole('status')
      .filter({ hasText: `You have the floor, ${speaker.name}.` })
      .waitFor();
    // OpenFloor granted publishing and found nobody to grant it to in LiveKit's room: the grant is
    // in OpenFloor's store alone when the speaker's media connection arrives.
    const granted = 'not in the media room; their next token carries the grant';
    await expect
      .poll(() => cluster.nodes.some((n) => n.logTail(400).includes(granted)), { timeout: 10_000 })
      .toBe(true);
    release();

    // The speaker mutes their microphone: losing the media node must not turn it back on.
    await speaker.page.getByRole('button', { name: 'Mute microphone' }).press('Enter');
    await speaker.page.getByRole('button', { name: 'Unmute microphone' }).waitFor();
    const { url, apiKey, apiSecret } = cluster.livekitAccess;
    const api = liveKitApi(url, apiKey, apiSecret);
    await expect
      .poll(() => participantOn(api, sessionId, speaker.id), { timeout: 20_000 })
      .toMatchObject({ canPublish: true, tracks: { CAMERA: false, MICROPHONE: true } });
    expect(await participantOn(api, sessionId, attendee.id)).toMatchObject({
      canPublish: false,
      canSubscribe: true,
      tracks: {},
    });
    for (const p of [moderator, speaker, attendee]) {
      sidBefore.set(p.id, (await participantOn(api, sessionId, p.id))!.sid);
    }

    const decoding = async () => (await speakerCamera(attendee.page, speaker.id))?.framesDecoded ?? 0;
    await expect.poll(decoding, { timeout: 20_000 }).toBeGreaterThan(15);
    await expect.poll(() => speakerOnScreen(attendee.page)).toBe(true);
    await expect.poll(() => statusLine(attendee.page).textContent(), { timeout: 20_000 }).toBe('Connected');
    speakerTrack = (await speakerCamera(attendee.page, speaker.id))!.sid;
    await attendee.page.screenshot({ path: `${ARTIFACTS}/media-failover-before.png` });
  });

  it('finds the room on one LiveKit node, and kills that node', async () => {
    const found = await roomHost(cluster.redis.url, cluster.livekit, sessionId);
    expect(found, 'LiveKit names one of its nodes as the room host').not.toBeNull();
    host = found!;
    survivor = cluster.livekit.find((n) => n !== host)!;
    figures.roomHostBefore = host.name;
    const proxy = cluster.livekitProxy!;
    const server = (n: LiveKitNode) => proxy.servers()[cluster.livekit.indexOf(n)]!;

    const killedAt = Date.now();
    figures.killedAt = killedAt;
    host.kill('SIGKILL');
    await proxy.waitForStates({ [server(host)]: 'DOWN', [server(survivor)]: 'UP' });
    figures.killToProxyDownMs = Date.now() - killedAt;
  });

  it('brings the speaker back to the attendee from the surviving node, with the same grants', async () => {
    const killedAt = figures.killedAt as number;
    // A new track (the speaker published again) whose frames the attendee decodes.
    const fresh = async () => {
      const camera = await speakerCamera(attendee.page, speaker.id);
      return camera !== null && camera.sid !== speakerTrack && camera.framesDecoded > 0;
    };
    await expect.poll(fresh, { timeout: 45_000, interval: 100 }).toBe(true);
    figures.killToAttendeeDecodesMs = Date.now() - killedAt;
    const first = (await speakerCamera(attendee.page, speaker.id))!;
    await attendee.page.waitForTimeout(1_000);
    const second = (await speakerCamera(attendee.page, speaker.id))!;
    expect(second.sid).toBe(first.sid);
    expect(second.framesDecoded - first.framesDecoded, 'frames decoded in one second').toBeGreaterThan(5);
    await expect.poll(() => speakerOnScreen(attendee.page)).toBe(true);
    console.log(
      `LiveKit node killed: the proxy marked it down in ${figures.killToProxyDownMs} ms; ` +
        `the attendee decoded the speaker again ${figures.killToAttendeeDecodesMs} ms after the kill.`,
    );

    // The room now lives on the survivor, where each person joined again with the grant OpenFloor's
    // store gives them, publishing as they were: the speaker's microphone still muted.
    expect((await roomHost(cluster.redis.url, cluster.livekit, sessionId))?.name).toBe(survivor.name);
    const survivorUrl = `http://127.0.0.1:${survivor.port}`;
    const rejoinedAs = (p: Person, expected: Omit<MediaParticipant, 'sid'>) =>
      expect.poll(() => rejoined(survivorUrl, p), { timeout: 10_000 }).toEqual(expected);
    await rejoinedAs(speaker, {
      canPublish: true,
      canSubscribe: true,
      tracks: { CAMERA: false, MICROPHONE: true },
    });
    await rejoinedAs(attendee, { canPublish: false, canSubscribe: true, tracks: {} });
    await rejoinedAs(moderator, {
      canPublish: true,
      canSubscribe: true,
      tracks: { CAMERA: false, MICROPHONE: false },
    });
  });

  it('says on every page that audio and video were reconnecting, then reconnected', async () => {
    const killedAt = figures.killedAt as number;
    for (const p of [attendee, speaker, moderator]) {
      await expect.poll(() => statusLine(p.page).textContent(), { timeout: 20_000 }).toBe('Reconnected');
      const said = await statusSince(p.page, killedAt);
      expect(said, p.name).toContain(RECONNECTING);
      // The media address still answered: nobody is told that the media server is down.
      expect(
        said.filter((t) => MEDIA_DOWN.test(t)),
        p.name,
      ).toEqual([]);
      if (p === attendee) figures.attendeeStatusSinceKill = said.join(' | ');
      // Which way back it took: LiveKit's own reconnection (0), or a fresh token from OpenFloor.
      const asks = await p.page.evaluate(() => (window as Watched).tokenAsks!);
      figures[`${p.role}TokenAsksSinceKill`] = asks.filter((at) => at >= killedAt).length;
    }
    // The speaker still holds the floor, and their microphone is still off on their own page.
    await speaker.page
      .getByRole('status')
      .filter({ hasText: `You have the floor, ${speaker.name}.` })
      .waitFor();
    await speaker.page.getByRole('button', { name: 'Unmute microphone' }).waitFor();
    await attendee.page.screenshot({ path: `${ARTIFACTS}/media-failover-after.png` });
    await speaker.page.screenshot({ path: `${ARTIFACTS}/media-failover-speaker-after.png` });
  });
});
