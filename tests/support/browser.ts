import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Flags verified on these machines: a fake 30 fps camera and microphone, loopback ICE candidates,
// and nothing that reaches out to the network.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream=fps=30',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

/**
 * Chromium as the browser tests use it. `cameraFps` lowers the fake camera's rate for tests that
 * look at pages rather than at video, so that five pages encoding and decoding do not starve them.
 */
export async function launchChromium({ cameraFps = 30 } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install -y chromium).`,
    );
  }
  const args = FLAGS.map((flag) =>
    flag.startsWith('--use-fake-device-for-media-stream') ? `${flag.split('=')[0]}=fps=${cameraFps}` : flag,
  );
  return chromium.launch({ executablePath: CHROMIUM_PATH, args });
}

/** Presses "Join room" on the pre-join page and waits until the room is settled, media included. */
export async function joinRoom(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Join room' }).press('Enter');
  await page.getByRole('region', { name: 'Stage' }).waitFor();
  // Settled: connected to the media server too, before anything is asked of LiveKit about them.
  await page
    .getByRole('banner')
    .getByRole('status')
    .filter({ hasText: /^Connected$/ })
    .waitFor({ timeout: 60_000 });
}

/** Opens a join link in a fresh 1280x800 context and joins the room. */
export async function openRoom(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(url);
  await joinRoom(page);
  return page;
}
