// Issue 15, a Deaf speaker, in Chromium on a real LiveKit server: a registrant ticks "I will sign
// (ASL)", is queued as signing at go-live, and given the floor is voiced by the active
// interpreter. LiveKit's own server says the floor publishes the speaker's camera and no
// microphone of theirs (A41), the viewer's getStats() shows the interpreter's audio arriving, the
// stage and the captions say "voiced by", and the moderator's mark takes the voicing off and puts
// it back, the speaker's microphone coming and going with it. axe stays at zero on the new controls.
import { RoomServiceClient, TrackSource, TrackType } from 'livekit-server-sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/a11y.js';
import {
  E2E_LIVEKIT_KEY,
  E2E_LIVEKIT_SECRET,
  startAppProcess,
  type AppProcess,
} from '../support/appProcess.js';
import { launchChromium, openRoom } from '../support/browser.js';
import { linkIn, outboxMail } from '../support/mail.js';

const ARTIFACTS = 'test-results';
const DEE = 'Dee Harris';
const ANA = 'Ana Ruiz';

let app: AppProcess;
let browser: Browser;
let rooms: RoomServiceClient;
let sessionId: string;
const pages = {} as Record<'moderator' | 'ana' | 'cora' | 'alex' | 'dee', Page>;
const ids = { ana: '', dee: '' };

const open = (url: string) => openRoom(browser, url);

/** What LiveKit's server holds for a participant: their right to publish, and their tracks. */
async function published(identity: string) {
  const p = await rooms.getParticipant(sessionId, identity);
  return {
    sources: p.permission?.canPublishSources.map((s) => TrackSource[s]) ?? [],
    tracks: p.tracks.map((t) => TrackType[t.type]).sort(),
  };
}

/** Audio bytes a page has received from a participant's microphone (getStats), or -1 if none. */
function audioBytesFrom(page: Page, identity: string): Promise<number> {
  return page.evaluate(async (id) => {
    type Pub = { source: string; track?: { getRTCStatsReport(): Promise<RTCStatsReport | undefined> } };
    type Room = { remoteParticipants: Map<string, { trackPublications: Map<string, Pub> }> };
    const room = (window as unknown as { openfloor?: { room: Room } }).openfloor?.room;
    const pubs = [...(room?.remoteParticipants.get(id)?.trackPublications.values() ?? [])];
    const report = await pubs.find((p) => p.source === 'microphone')?.track?.getRTCStatsReport();
    let bytes = -1;
    report?.forEach((s: Record<string, unknown>) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') bytes = Number(s.bytesReceived ?? 0);
    });
    return bytes;
  }, identity);
}

/** The microphones a page holds from others, by identity. */
const microphones = (page: Page) =>
  page.evaluate(() => {
    type Room = {
      remoteParticipants: Map<
        string,
        { identity: string; trackPublications: Map<string, { source: string }> }
      >;
    };
    const room = (window as unknown as { openfloor?: { room: Room } }).openfloor!.room;
    return [...room.remoteParticipants.values()]
      .filter((p) => [...p.trackPublications.values()].some((t) => t.source === 'microphone'))
      .map((p) => p.identity);
  });

beforeAll(async () => {
  app = await startAppProcess(Number(process.env.E2E_PORT ?? 3000));
  browser = await launchChromium({ cameraFps: 15 });
  rooms = new RoomServiceClient('http://127.0.0.1:7880', E2E_LIVEKIT_KEY, E2E_LIVEKIT_SECRET);
  sessionId = (await app.createSession('Hearing on AI at work', 'lobby')).id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('a Deaf speaker voiced by the interpreter', () => {
  it('registers by keyboard as someone who will sign, and is queued as signing at go-live', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${app.url}/sessions/${sessionId}/register`);
    await page.getByRole('textbox', { name: 'Name' }).fill(DEE);
    await page.getByRole('textbox', { name: 'Email' }).fill('dee@example.org');
    await page.getByRole('combobox', { name: 'Affiliation' }).selectOption('worker');
    await page.getByRole('checkbox', { name: 'I would like to speak' }).press('Space');
    await page.getByRole('textbox', { name: 'What would you like to speak about?' }).fill('Access');
    await page.getByRole('checkbox', { name: 'I will sign (ASL)' }).press('Space');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Register' }).press('Enter');
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await page.context().close();
    await app.post(`/sessions/${sessionId}/lifecycle/go-live`, {});

    pages.moderator = await open((await app.invite(sessionId, 'moderator', 'Morgan Lee')).url);
    const ana = await app.invite(sessionId, 'interpreter', ANA);
    ids.ana = ana.id;
    pages.ana = await open(ana.url);
    pages.cora = await open((await app.invite(sessionId, 'captioner', 'Cora Bell')).url);
    pages.alex = await open((await app.invite(sessionId, 'attendee', 'Alex Kim')).url);
    const mail = await outboxMail(app.dataDir, 'dee@example.org', /You are registered/);
    pages.dee = await open(linkIn(mail, 'join', app.url)!);
    ids.dee = await pages.dee.evaluate(() => window.openfloor!.room.localParticipant.identity);

    const queue = pages.moderator.getByRole('region', { name: 'Speaker queue' });
    await expect.poll(() => queue.getByRole('listitem').first().textContent()).toContain('(signs, ASL)');
    const mark = queue.getByRole('button', { name: `${DEE} signs (ASL)` });
    expect(await mark.getAttribute('aria-pressed')).toBe('true');
    expect(await axeViolations(pages.moderator)).toEqual([]);
  });

  it('on the floor, the interpreter is the voice: LiveKit holds no microphone of theirs, and viewers receive the interpreter', async () => {
    await pages.moderator.getByRole('button', { name: `Give floor to ${DEE}` }).press('Enter');
    await pages.dee.getByRole('button', { name: 'Start speaking' }).press('Enter');
    const floor = pages.alex.getByRole('figure', { name: `Speaker: ${DEE}` });
    await expect.poll(() => floor.textContent(), { timeout: 30_000 }).toContain(`voiced by ${ANA}`);
    const interpreter = pages.alex.getByRole('figure', { name: `ASL interpreter: ${ANA}` });
    expect(await interpreter.textContent()).toContain(`voicing ${DEE}`);
    await pages.alex.getByText(`${DEE} signs; ${ANA} voices them`).waitFor({ state: 'attached' });

    // A41, as LiveKit's own server has it: Dee may publish the camera only, and publishes no audio.
    await expect
      .poll(() => published(ids.dee), { timeout: 30_000 })
      .toEqual({
        sources: ['CAMERA'],
        tracks: ['VIDEO'],
      });
    expect((await published(ids.ana)).tracks).toEqual(['AUDIO', 'VIDEO']);
    // The viewer's page receives the interpreter's voice, and no voice of Dee's.
    const before = await audioBytesFrom(pages.alex, ids.ana);
    await expect
      .poll(() => audioBytesFrom(pages.alex, ids.ana), { timeout: 15_000 })
      .toBeGreaterThan(Math.max(before, 0) + 1000);
    expect(await microphones(pages.alex)).not.toContain(ids.dee);
    // Dee is told whose voice is theirs, and no refusal of a microphone: their page never tried it.
    await pages.dee.getByText(`Everyone can see you; ${ANA} voices what you sign.`).waitFor();
    expect(await pages.dee.getByRole('alert').first().textContent()).toBe('');
    await pages.alex.screenshot({ path: `${ARTIFACTS}/sign-voiced-attendee-1280.png` });
    await pages.dee.screenshot({ path: `${ARTIFACTS}/sign-voiced-speaker-1280.png` });
  });

  it('the captioner sees "voiced by", and the lines carry it to every viewer and the transcript', async () => {
    const cora = pages.cora;
    await cora.getByText(`(now ${DEE} (voiced by ${ANA}))`).waitFor();
    const input = cora.getByRole('textbox', { name: 'Caption input' });
    await input.fill('We need captions that are right the first time.');
    await input.press('Enter');
    const log = pages.alex.getByRole('log', { name: 'Captions' });
    await expect.poll(() => log.textContent()).toContain(`${DEE} (voiced by ${ANA})`);
    const transcript = await fetch(`${app.url}/api/transcripts/${sessionId}?format=txt`, {
      headers: { authorization: `Bearer ${app.organizerToken}` },
    });
    expect(await transcript.text()).toContain(
      `${DEE} (voiced by ${ANA}): We need captions that are right the first time.`,
    );
    await cora.screenshot({ path: `${ARTIFACTS}/sign-voiced-captioner-1280.png` });
  });

  it("the moderator's mark takes the voicing off, Dee's microphone comes, and marking again takes it away", async () => {
    const mark = pages.moderator
      .getByRole('region', { name: 'Queue and floor' })
      .getByRole('button', { name: `${DEE} signs (ASL)` });
    expect(await mark.getAttribute('aria-pressed')).toBe('true');
    await mark.press('Enter');
    await expect.poll(() => mark.getAttribute('aria-pressed')).toBe('false');
    await expect
      .poll(() => published(ids.dee), { timeout: 30_000 })
      .toEqual({
        sources: ['CAMERA', 'MICROPHONE'],
        tracks: ['AUDIO', 'VIDEO'],
      });
    const floor = pages.alex.getByRole('figure', { name: `Speaker: ${DEE}` });
    await expect.poll(() => floor.textContent()).not.toContain('voiced by');
    await pages.alex
      .getByText(`${DEE} is no longer voiced by the interpreter`)
      .waitFor({ state: 'attached' });

    await mark.press('Enter');
    await expect
      .poll(() => published(ids.dee), { timeout: 30_000 })
      .toEqual({
        sources: ['CAMERA'],
        tracks: ['VIDEO'],
      });
    await expect.poll(() => floor.textContent()).toContain(`voiced by ${ANA}`);
    expect(await axeViolations(pages.moderator)).toEqual([]);
    await pages.moderator.screenshot({ path: `${ARTIFACTS}/sign-voiced-moderator-1280.png` });
  });

  it('Q21 a teammate takes over mid-turn, and the published record page says "voiced by Ana Ruiz, then Ben Okafor"', async () => {
    const ben = await open((await app.invite(sessionId, 'interpreter', 'Ben Okafor')).url);
    await ben.getByRole('button', { name: 'Take over' }).press('Enter');
    const floor = pages.alex.getByRole('figure', { name: `Speaker: ${DEE}` });
    await expect.poll(() => floor.textContent()).toContain('voiced by Ben Okafor');

    await app.post(`/sessions/${sessionId}/lifecycle/end`, {});
    await app.post(`/sessions/${sessionId}/record`, {});
    const record = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await record.goto(`${app.url}/records/${sessionId}`);
    const speakers = record.getByRole('table', { name: /Speakers in order/ });
    const row = speakers.getByRole('row').filter({ hasText: DEE });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(1).textContent()).toBe(
      `${DEE} (voiced by ${ANA}, then Ben Okafor)`,
    );
    expect(await axeViolations(record)).toEqual([]);
    await record.screenshot({ path: `${ARTIFACTS}/sign-record-voiced-1280.png`, fullPage: true });
  });
});
