// The media bench's baseline: the same LiveKit server, browser and media path without OpenFloor.
// A bare page imports livekit-client as published (its ESM build, self-contained) and is handed a
// token minted ahead of time, so what it times is LiveKit and WebRTC alone.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { mintMediaToken } from '../../server/livekit/tokens.js';
import { PROJECT_ROOT } from '../../server/paths.js';
import type { InviteRole } from '../../shared/roles.js';
import { defineNameHelper } from './mediaProbe.js';
import { E2E_LIVEKIT_KEY, E2E_LIVEKIT_SECRET } from '../../tests/support/appProcess.js';

const LIVEKIT_ESM = join(PROJECT_ROOT, 'node_modules/livekit-client/dist/livekit-client.esm.mjs');

// The Room as the app makes it (usePageConnections), so the baseline differs only by OpenFloor.
const BARE_PAGE = `<!doctype html><meta charset="utf-8"><title>bare</title>
<video id="v" autoplay muted playsinline style="width:640px;height:360px"></video>
<script type="module">
import * as lk from '/livekit-client.mjs';
window.lk = lk;
window.newRoom = () => new lk.Room({ adaptiveStream: false, dynacast: true });
</script>`;

export interface BarePages {
  url: string;
  close(): Promise<void>;
}

/** Serves the bare page and livekit-client on 127.0.0.1. */
export async function serveBarePages(): Promise<BarePages> {
  const esm = readFileSync(LIVEKIT_ESM);
  const server: Server = createServer((req, res) => {
    if (req.url === '/livekit-client.mjs') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(esm);
    } else res.writeHead(200, { 'content-type': 'text/html' }).end(BARE_PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A token as the server mints it for this invite now (identity = invite id, so LiveKit's webhook keeps it). */
export function bareToken(
  room: string,
  who: { id: string; name: string; role: InviteRole },
  publish: boolean,
) {
  return mintMediaToken(E2E_LIVEKIT_KEY, E2E_LIVEKIT_SECRET, {
    identity: who.id,
    name: who.name,
    role: who.role,
    room,
    grant: { subscribe: true, publish },
  });
}

export async function openBarePage(browser: Browser, pages: BarePages): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await defineNameHelper(context);
  const page = await context.newPage();
  await page.goto(pages.url);
  await page.waitForFunction(() => 'newRoom' in window);
  return page;
}

/**
 * Connects a bare Room with `token` and resolves with the marks of the way, in milliseconds from
 * the call, up to the first frame on screen of `identity`'s camera (attached once subscribed).
 */
export function bareConnectToFrame(page: Page, url: string, token: string, identity: string) {
  return page.evaluate(
    async ({ url, token, identity }) => {
      type Lk = { RoomEvent: Record<string, string> };
      type BareRoom = {
        on(e: string, f: (...a: never[]) => void): BareRoom;
        connect(u: string, t: string): Promise<void>;
      };
      const w = window as unknown as { lk: Lk; newRoom(): BareRoom; bare?: BareRoom };
      const video = document.getElementById('v') as HTMLVideoElement;
      const started = performance.now();
      const marks: [string, number][] = [];
      const mark = (name: string) => marks.push([`bare: ${name}`, performance.now() - started]);
      const room = w.newRoom();
      w.bare = room;
      room.on(w.lk.RoomEvent.SignalConnected!, () => mark('livekit signal connected'));
      room.on(w.lk.RoomEvent.Connected!, () => mark('livekit connected'));
      const frame = new Promise<void>((resolve) => {
        type Track = { attach(el: HTMLVideoElement): void };
        room.on(
          w.lk.RoomEvent.TrackSubscribed!,
          (track: Track, pub: { source: string }, p: { identity: string }) => {
            if (p.identity !== identity || pub.source !== 'camera') return;
            mark('subscribed interpreter camera');
            track.attach(video);
            // A fresh element: its first presented frame is this track's (as the app's probe counts).
            video.requestVideoFrameCallback(() => {
              mark('interpreter frame');
              resolve();
            });
          },
        );
      });
      await room.connect(url, token);
      await frame;
      return marks;
    },
    { url, token, identity },
  );
}

/** Connects a bare Room with `token` (no publishing yet), for the bare publisher and subscriber. */
export async function bareConnect(page: Page, url: string, token: string): Promise<void> {
  await page.evaluate(
    async ({ url, token }) => {
      const w = window as unknown as {
        newRoom(): { connect(u: string, t: string): Promise<void> };
        bare?: unknown;
      };
      const room = w.newRoom();
      w.bare = room;
      await room.connect(url, token);
    },
    { url, token },
  );
}

/** On the bare subscriber: resolves with the epoch time of the first frame of `identity`'s camera. */
export async function bareWatch(page: Page, identity: string): Promise<void> {
  await page.evaluate((identity) => {
    type Lk = { RoomEvent: Record<string, string> };
    const w = window as unknown as {
      lk: Lk;
      bare: { on(e: string, f: (...a: never[]) => void): void };
      frameAt?: Promise<number>;
    };
    const video = document.getElementById('v') as HTMLVideoElement;
    w.frameAt = new Promise<number>((resolve) => {
      w.bare.on(
        w.lk.RoomEvent.TrackSubscribed!,
        (
          track: { attach(el: HTMLVideoElement): void; mediaStreamTrack: MediaStreamTrack },
          pub: { source: string },
          p: { identity: string },
        ) => {
          if (p.identity !== identity || pub.source !== 'camera') return;
          track.attach(video);
          // The first frame presented of this track (as the app's probe counts it).
          const presented = () => {
            const shown = (video.srcObject as MediaStream | null)?.getVideoTracks()[0];
            if (shown === track.mediaStreamTrack) resolve(performance.timeOrigin + performance.now());
            else video.requestVideoFrameCallback(presented);
          };
          video.requestVideoFrameCallback(presented);
        },
      );
    });
  }, identity);
}

export function bareFrameAt(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { frameAt: Promise<number> }).frameAt);
}

/**
 * On the bare publisher: starts camera and microphone with the app's settings for a speaker
 * (540p, the same simulcast layers), the plain way: capture and publish when asked, and resolves
 * with the epoch time it started.
 */
export function barePublish(page: Page): Promise<number> {
  return page.evaluate(async () => {
    type Local = {
      setCameraEnabled(on: boolean, capture: unknown, publish: unknown): Promise<unknown>;
      setMicrophoneEnabled(on: boolean): Promise<unknown>;
    };
    type Lk = { VideoPreset: new (w: number, h: number, bps: number, fps: number) => unknown };
    const w = window as unknown as { lk: Lk; bare: { localParticipant: Local } };
    const started = performance.timeOrigin + performance.now();
    const layers = [new w.lk.VideoPreset(320, 180, 200_000, 20), new w.lk.VideoPreset(640, 360, 700_000, 30)];
    await w.bare.localParticipant.setCameraEnabled(
      true,
      { resolution: { width: 960, height: 540, frameRate: 30 } },
      {
        simulcast: true,
        videoSimulcastLayers: layers,
        videoEncoding: { maxBitrate: 1_200_000, maxFramerate: 30 },
      },
    );
    await w.bare.localParticipant.setMicrophoneEnabled(true);
    return started;
  });
}
