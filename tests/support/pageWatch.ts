import type { Locator, Page } from 'playwright-core';

// What a room page records about itself during a test, read back by the test: when it asked for a
// media token, how its connection status line changed, and whether a tile plays a new track.

/** What the page records about itself, read back by the test. */
export interface Watch {
  /** Every change of the connection status line, with the page's clock (same machine as ours). */
  status: { at: number; text: string }[];
  /** When this page asked the server for a media token. */
  tokenAsks: number[];
  /**
   * When the Join was pressed, by the page's clock: the pre-join page asks for media once ahead,
   * unaware of an outage; from the Join on the room view decides, and asks nothing while it is down.
   */
  joinedAt?: number;
}
export type Watched = Window & { watch?: Watch; oldTileTrack?: MediaStreamTrack | null };

export const statusLine = (page: Page): Locator => page.getByRole('banner').getByRole('status');

/** Records when the page asks the server for a media token (the socket exists before the join). */
export async function watchTokenAsks(page: Page) {
  await page.evaluate(() => {
    const w = window as Watched;
    w.watch = { status: [], tokenAsks: [] };
    // Before the page's own handlers: the capture phase on the document.
    const pressed = (event: Event) => {
      const target = event.target as HTMLElement | null;
      if (target?.textContent === 'Join room') w.watch!.joinedAt ??= Date.now();
    };
    document.addEventListener('keydown', pressed, true);
    document.addEventListener('click', pressed, true);
    window.openfloor!.socket.onAnyOutgoing((event: string) => {
      if (event === 'room:media-token') w.watch!.tokenAsks.push(Date.now());
    });
  });
}

/** Records every change of the status line from now on. */
export async function watchStatus(page: Page) {
  await statusLine(page).evaluate((el) => {
    const { status } = (window as Watched).watch!;
    status.push({ at: Date.now(), text: el.textContent ?? '' });
    new MutationObserver(() => status.push({ at: Date.now(), text: el.textContent ?? '' })).observe(el, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
}

export const watched = (page: Page) => page.evaluate(() => (window as Watched).watch!);

/** When the status line first read `text` after `since` (page clock), or fails. */
export async function statusAt(page: Page, text: RegExp | string, since: number): Promise<number> {
  const { status } = await watched(page);
  const hit = status.find(
    (s) => s.at >= since && (typeof text === 'string' ? s.text === text : text.test(s.text)),
  );
  if (!hit) throw new Error(`status never read ${String(text)} after ${since}: ${JSON.stringify(status)}`);
  return hit.at;
}

/** Remembers the video track now shown in a tile, to tell a new frame from a frozen one. */
export async function rememberTileTrack(page: Page, tile: string) {
  await page
    .getByRole('figure', { name: tile })
    .locator('video')
    .evaluate((v: HTMLVideoElement) => {
      (window as Watched).oldTileTrack = (v.srcObject as MediaStream | null)?.getVideoTracks()[0] ?? null;
    });
}

/**
 * The page's time when the tile shows a frame of a track other than the remembered one, on
 * screen: the person's video plays again, not the last frame before an outage.
 */
export async function freshTileFrame(page: Page, tile: string, waitMs: number): Promise<number> {
  const result = await page
    .getByRole('figure', { name: tile })
    .locator('video')
    .evaluate(
      (v: HTMLVideoElement, ms) =>
        new Promise<number | string>((resolve) => {
          const old = (window as Watched).oldTileTrack ?? null;
          const deadline = performance.now() + ms;
          const check = () => {
            const track = (v.srcObject as MediaStream | null)?.getVideoTracks()[0];
            const fresh = track !== undefined && track !== old && track.readyState === 'live';
            if (fresh && !v.hidden && v.videoWidth > 0 && v.currentTime > 0) return resolve(Date.now());
            if (performance.now() > deadline) {
              return resolve(
                JSON.stringify({
                  fresh,
                  hidden: v.hidden,
                  videoWidth: v.videoWidth,
                  currentTime: v.currentTime,
                }),
              );
            }
            requestAnimationFrame(check);
          };
          check();
        }),
      waitMs,
    );
  if (typeof result === 'number') return result;
  const says = await page.getByRole('figure', { name: tile }).textContent();
  throw new Error(`no fresh frame in "${tile}": the tile says "${says}"; video ${result}`);
}
