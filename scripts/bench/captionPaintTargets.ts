// The two targets of bench:caption-paint, as pages in one browser: OpenFloor (the build, started as
// a service manager does, with its own LiveKit server, a live session, a captioner in the room with the
// caption console, attendees in the room and viewers of the captions-only page) and the bare
// Socket.IO relay (relayServer.ts). Every page carries the probe from its first script on.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startAppProcess, freePort } from '../../tests/support/appProcess.js';
import { attachProbe, PROBE_SCRIPT } from './captionPaintProbe.js';

export type ViewerKind = 'room' | 'captions page' | 'relay';

export interface PaintTarget {
  name: string;
  captioner: Page;
  /** The captioner's input, focused. */
  input: ReturnType<Page['getByRole']>;
  viewers: { kind: ViewerKind; page: Page }[];
  stop(): Promise<void>;
}

const VIEWPORT = { width: 1280, height: 900 };

async function probedPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(PROBE_SCRIPT);
  return context.newPage();
}

const captionRegion = (page: Page) => page.getByRole('log', { name: 'Captions' });

/** OpenFloor's build with its own livekit-server: `rooms` attendees, `pages` captions-only viewers. */
export async function openFloorTarget(browser: Browser, rooms: number, pages: number): Promise<PaintTarget> {
  const app = await startAppProcess(await freePort(), { command: 'node' });
  const { id } = await app.createSession('Caption paint bench');
  const enterRoom = async (role: 'captioner' | 'attendee', name: string) => {
    const page = await probedPage(browser);
    await page.goto((await app.invite(id, role, name)).url);
    await page.getByRole('button', { name: 'Join room' }).press('Enter');
    await captionRegion(page).waitFor();
    return page;
  };
  const captionsOnly = async (name: string) => {
    const page = await probedPage(browser);
    await page.goto((await app.invite(id, 'attendee', name)).url.replace('/join/', '/captions/'));
    await captionRegion(page).waitFor();
    return page;
  };
  // Everyone enters at once, as an audience does.
  const joining = Promise.all([
    ...Array.from({ length: rooms }, (_, i) => enterRoom('attendee', `Room ${i}`)),
    ...Array.from({ length: pages }, (_, i) => captionsOnly(`Page ${i}`)),
  ]);
  const [captioner, joined] = await Promise.all([enterRoom('captioner', 'Cora Diaz'), joining]);
  const viewers = joined.map((page, i) => ({ kind: i < rooms ? 'room' : 'captions page', page }) as const);
  for (const v of viewers) await attachProbe(v.page);
  const input = captioner.getByRole('textbox', { name: 'Caption input' });
  await input.focus();
  return {
    name: 'OpenFloor',
    captioner,
    input,
    viewers,
    async stop() {
      // The app (and its LiveKit server) first: pages closing on a live media server make it warn.
      await app.stop();
      await Promise.all([captioner, ...viewers.map((v) => v.page)].map((p) => p.context().close()));
    },
  };
}

/** The bare relay in a process of its own, with `count` viewer pages. */
export async function relayTarget(browser: Browser, count: number): Promise<PaintTarget> {
  const server = fork(fileURLToPath(new URL('./relayServer.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  const exited = once(server, 'exit');
  const [{ url }] = (await once(server, 'message')) as [{ url: string }];
  const open = async (path: string) => {
    const page = await probedPage(browser);
    await page.goto(`${url}${path}`);
    // Connected (upgraded to WebSocket, as OpenFloor's pages are once they have joined).
    await page.waitForFunction(() => {
      const { socket } = window as unknown as {
        socket?: { io: { engine?: { transport?: { name: string } } } };
      };
      return socket?.io.engine?.transport?.name === 'websocket';
    });
    return page;
  };
  const [captioner, ...pages] = await Promise.all([
    open('/captioner'),
    ...Array.from({ length: count }, () => open('/viewer')),
  ]);
  const viewers = pages.map((page) => ({ kind: 'relay', page }) as const);
  for (const v of viewers) await attachProbe(v.page);
  const input = captioner.getByRole('textbox', { name: 'Caption input' });
  await input.focus();
  return {
    name: 'relay',
    captioner,
    input,
    viewers,
    async stop() {
      await Promise.all([captioner, ...viewers.map((v) => v.page)].map((p) => p.context().close()));
      server.send({ type: 'stop' });
      await exited;
    },
  };
}
