import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  E2E_LIVEKIT_KEY,
  E2E_LIVEKIT_SECRET,
  startAppProcess,
  type AppProcess,
} from '../support/appProcess.js';
import { launchChromium } from '../support/browser.js';

// What the server enforces on the real LiveKit server (server/policy/SPEC.md): the public gets no
// media before go-live (A3), a token kept from before a revocation does not get back in (K4), and
// an ended session leaves nobody in the media room (K3).

const LIVEKIT_HTTP = 'http://127.0.0.1:7880';
const LIVEKIT_WS = 'ws://127.0.0.1:7880';
const rooms = new RoomServiceClient(LIVEKIT_HTTP, E2E_LIVEKIT_KEY, E2E_LIVEKIT_SECRET);

let app: AppProcess;
let browser: Browser;

async function joinInBrowser(url: string, then: 'Stage' | 'Lobby'): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Join room' }).click();
  await page.getByRole('region', { name: then }).waitFor();
  return page;
}

const identitiesIn = async (room: string) =>
  (await rooms.listParticipants(room).catch(() => [])).map((p) => p.identity).sort();

/** The token LiveKit itself hands a connected participant (it refreshes them for ten minutes). */
function keptToken(room: string, identity: string): Promise<string> {
  const token = new AccessToken(E2E_LIVEKIT_KEY, E2E_LIVEKIT_SECRET, { identity, ttl: 600 });
  token.addGrant({ room, roomJoin: true, canSubscribe: true, canPublish: false });
  return token.toJwt();
}

/**
 * Connects a second LiveKit Room in `page` (the page's own Room class, found on window.openfloor)
 * with `token`, as someone who kept a token would, and resolves with how that connection ended:
 * the disconnect reason LiveKit gave, or 'still connected' after `waitMs`.
 */
function connectWithKeptToken(page: Page, token: string, waitMs = 10_000): Promise<string> {
  return page.evaluate(
    async ({ url, token, waitMs }) => {
      type Room = {
        connect(url: string, token: string): Promise<void>;
        once(event: string, listener: (reason?: number) => void): void;
      };
      const Room = (window as unknown as { openfloor: { room: { constructor: new () => Room } } }).openfloor
        .room.constructor;
      const room = new Room();
      const ended = new Promise<string>((resolve) => {
        room.once('disconnected', (reason) => resolve(`disconnected ${reason}`));
        setTimeout(() => resolve('still connected'), waitMs);
      });
      try {
        await room.connect(url, token);
      } catch (err) {
        return `refused: ${String(err)}`;
      }
      return ended;
    },
    { url: LIVEKIT_WS, token, waitMs },
  );
}

beforeAll(async () => {
  app = await startAppProcess(Number(process.env.E2E_PORT ?? 3000));
  browser = await launchChromium({ cameraFps: 10 });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the policy on a real LiveKit server', () => {
  it('A3 an attendee in the lobby receives no media; at go-live they do', async () => {
    const { id } = await app.createSession('Lobby check', 'lobby');
    const moderator = await app.invite(id, 'moderator', 'Morgan Lee');
    const attendee = await app.invite(id, 'attendee', 'Alex Kim');
    await joinInBrowser(moderator.url, 'Stage');
    await expect.poll(() => identitiesIn(id), { timeout: 20_000 }).toEqual([moderator.id]);
    const page = await joinInBrowser(attendee.url, 'Lobby');
    // Long enough for a media connection to have been made if the server had handed out a token.
    await page.waitForTimeout(3000);
    expect(await identitiesIn(id)).toEqual([moderator.id]);
    const playing = await page.evaluate(
      () =>
        [...document.querySelectorAll('video, audio')].filter((m) => (m as HTMLMediaElement).srcObject)
          .length,
    );
    expect(playing).toBe(0);

    await app.post(`/sessions/${id}/lifecycle/go-live`, {});
    await page.getByRole('region', { name: 'Stage' }).waitFor();
    await expect
      .poll(() => identitiesIn(id), { timeout: 20_000 })
      .toEqual([moderator.id, attendee.id].sort());
  });

  it('K4 a token kept from before a revocation does not get back into the media room', async () => {
    const { id } = await app.createSession('Revocation check');
    const alex = await app.invite(id, 'attendee', 'Alex Kim');
    const bea = await app.invite(id, 'attendee', 'Bea Díaz');
    const alexPage = await joinInBrowser(alex.url, 'Stage');
    const beaPage = await joinInBrowser(bea.url, 'Stage');
    await expect.poll(() => identitiesIn(id), { timeout: 20_000 }).toEqual([alex.id, bea.id].sort());
    const kept = await keptToken(id, alex.id);

    const res = await fetch(`${app.url}/api/sessions/${id}/invites/${alex.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${app.organizerToken}` },
    });
    expect(res.status).toBe(204);
    await expect.poll(() => identitiesIn(id), { timeout: 10_000 }).toEqual([bea.id]);
    await alexPage.getByRole('heading', { name: 'Your link was withdrawn' }).waitFor();

    // LiveKit lets the kept token in; its webhook tells OpenFloor, which removes it at once.
    const outcome = await connectWithKeptToken(beaPage, kept);
    expect(outcome).toMatch(/^disconnected|^refused/);
    expect(await identitiesIn(id)).toEqual([bea.id]);
  });

  it('K3 ending a session leaves nobody in the media room, and a kept token cannot reopen it', async () => {
    const { id } = await app.createSession('Ending check');
    const moderator = await app.invite(id, 'moderator', 'Morgan Lee');
    const attendee = await app.invite(id, 'attendee', 'Alex Kim');
    const other = await app.createSession('Another session');
    const witness = await app.invite(other.id, 'attendee', 'Wren');
    await joinInBrowser(moderator.url, 'Stage');
    await joinInBrowser(attendee.url, 'Stage');
    const witnessPage = await joinInBrowser(witness.url, 'Stage');
    await expect
      .poll(() => identitiesIn(id), { timeout: 20_000 })
      .toEqual([moderator.id, attendee.id].sort());

    await app.post(`/sessions/${id}/lifecycle/end`, {});
    await expect.poll(() => rooms.listRooms([id]).then((r) => r.length), { timeout: 10_000 }).toBe(0);
    expect(await identitiesIn(id)).toEqual([]);

    const outcome = await connectWithKeptToken(witnessPage, await keptToken(id, moderator.id));
    expect(outcome).toMatch(/^disconnected|^refused/);
    await expect.poll(() => rooms.listRooms([id]).then((r) => r.length), { timeout: 10_000 }).toBe(0);
  });
});
