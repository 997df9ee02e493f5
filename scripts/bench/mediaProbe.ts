// What the media bench reads inside a page: a timeline of named marks (the clicks, the socket's
// commands and their answers, the LiveKit Room's events, getUserMedia) and the first frame of a
// tile's video. Every time is epoch milliseconds (performance.timeOrigin + performance.now()), so
// marks from the pages of several people line up on one clock.
import type { BrowserContext, Page } from 'playwright-core';

export type Mark = [name: string, at: number];

declare global {
  interface Window {
    __bench?: { marks: Mark[]; mark(name: string): void };
    __benchFrame?: Promise<number>;
  }
}

/**
 * Installed before any script of the page runs. It hooks the page's socket and Room when the app
 * hands them to `window.openfloor` (which it does for the browser tests), and patches nothing the
 * app relies on: each wrapper calls through unchanged.
 */
function probe() {
  const now = () => performance.timeOrigin + performance.now();
  const marks: Mark[] = [];
  const mark = (name: string) => void marks.push([name, now()]);
  window.__bench = { marks, mark };
  document.addEventListener(
    'click',
    (e) => {
      const button = (e.target as Element | null)?.closest?.('button');
      if (button)
        marks.push([`click ${button.textContent?.trim() ?? ''}`, performance.timeOrigin + e.timeStamp]);
    },
    true,
  );
  const media = navigator.mediaDevices;
  if (media) {
    const getUserMedia = media.getUserMedia.bind(media);
    media.getUserMedia = async (constraints) => {
      mark(`getUserMedia ${constraints?.video ? 'camera' : 'microphone'} asked`);
      const stream = await getUserMedia(constraints);
      mark(`getUserMedia ${constraints?.video ? 'camera' : 'microphone'} given`);
      return stream;
    };
  }
  type Emitter = { on(e: string, f: (...a: never[]) => void): unknown };
  type Socket = Emitter & { emit(e: string, ...a: unknown[]): unknown };
  type Pub = { source: string };
  type Who = { name?: string; identity: string; permissions?: { canPublish?: boolean } };
  const hook = ({ socket, room }: { socket: Socket; room: Emitter & { localParticipant: Who } }) => {
    socket.on('connect', () => mark('socket connected'));
    for (const event of ['queue:state', 'room:state']) socket.on(event, () => mark(`heard ${event}`));
    const emit = socket.emit.bind(socket);
    socket.emit = (event: string, ...args: unknown[]) => {
      mark(`sent ${event}`);
      const last = args.at(-1);
      if (typeof last === 'function') {
        const answered = (...r: unknown[]) => {
          mark(`answer ${event}`);
          return (last as (...r: unknown[]) => unknown)(...r);
        };
        // socket.io's emitWithAck marks its callback; the wrapper must carry the mark.
        Object.assign(answered, last);
        args[args.length - 1] = answered;
      }
      return emit(event, ...args);
    };
    room.on('connectionStateChanged', (state: string) => mark(`livekit ${state}`));
    room.on('signalConnected', () => mark('livekit signal connected'));
    room.on('trackPublished', (pub: Pub, p: Who) => mark(`published ${p.name} ${pub.source}`));
    room.on('trackSubscribed', (_t: unknown, pub: Pub, p: Who) => mark(`subscribed ${p.name} ${pub.source}`));
    room.on('localTrackPublished', (pub: Pub) => mark(`local published ${pub.source}`));
    room.on('participantPermissionsChanged', (_before: unknown, p: Who) => {
      if (p === room.localParticipant) mark(`may publish ${p.permissions?.canPublish === true}`);
    });
  };
  let value: unknown;
  Object.defineProperty(window, 'openfloor', {
    configurable: true,
    get: () => value,
    set: (v: unknown) => {
      value = v;
      if (v) hook(v as Parameters<typeof hook>[0]);
    },
  });
}

/**
 * tsx compiles this file keeping function names, which wraps named functions in a `__name` call;
 * functions handed to the page need the helper there too.
 */
export async function defineNameHelper(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
}

export async function installProbe(context: BrowserContext): Promise<void> {
  await defineNameHelper(context);
  await context.addInitScript(probe);
}

/**
 * Starts watching the video in the figure named `label`; `frameSeen(page)` resolves with the time
 * the tile first presents a frame of that person's own camera track on screen (the element not
 * hidden). A tile's element is kept when the person in it changes, so a frame of whoever was in it
 * before does not count: the element must carry the track the page's Room has for the tile's
 * participant. Marks `decoded <label>` when the element first has that track with a size (hidden
 * or not: the tile may still show a status), and `tile says <status>` each time the status changes.
 */
export async function watchFirstFrame(page: Page, label: string): Promise<void> {
  await page.evaluate((name) => {
    type Pub = { track?: { mediaStreamTrack: MediaStreamTrack } };
    type RoomLike = { remoteParticipants: Map<string, { getTrackPublication(s: string): Pub | undefined }> };
    const roomOf = () => (window as unknown as { openfloor?: { room: RoomLike } }).openfloor?.room;
    /** The track in the element, when it is the camera of the participant the tile is for. */
    const ownTrack = (v: HTMLVideoElement) => {
      const shown = (v.srcObject as MediaStream | null)?.getVideoTracks()[0];
      const id = v.dataset.participantId;
      const camera =
        id === undefined ? undefined : roomOf()?.remoteParticipants.get(id)?.getTrackPublication('camera');
      return shown && shown === camera?.track?.mediaStreamTrack ? shown : undefined;
    };
    window.__benchFrame = new Promise<number>((resolve) => {
      let decoded = false;
      let said: string | null | undefined;
      let waitingFor: MediaStreamTrack | undefined;
      let done = false;
      const check = () => {
        if (done) return;
        const status = document.querySelector(`figure[aria-label="${name}"] .tile-status`);
        const saying = status?.textContent ?? null;
        if (saying !== said) window.__bench?.mark(`tile says ${saying ?? 'nothing (video shown)'}`);
        said = saying;
        const v = document.querySelector<HTMLVideoElement>(`figure[aria-label="${name}"] video`);
        const own = v ? ownTrack(v) : undefined;
        if (v && own && v.videoWidth > 0 && !decoded) {
          window.__bench?.mark(`decoded ${name}`);
          decoded = true;
        }
        if (v && own && !v.hidden && own !== waitingFor) {
          // The next frame the element presents of this track, shown.
          waitingFor = own;
          v.requestVideoFrameCallback(() => {
            if (!v.hidden && ownTrack(v) === own) {
              done = true;
              resolve(performance.timeOrigin + performance.now());
            } else waitingFor = undefined;
          });
        }
        requestAnimationFrame(check);
      };
      check();
    });
  }, label);
}

export async function frameSeen(page: Page, timeoutMs = 30_000): Promise<number> {
  return Promise.race([
    page.evaluate(() => window.__benchFrame!),
    new Promise<number>((_, reject) =>
      setTimeout(() => reject(new Error(`no frame within ${timeoutMs} ms`)), timeoutMs),
    ),
  ]);
}

export function marksOf(page: Page): Promise<Mark[]> {
  return page.evaluate(() => window.__bench?.marks ?? []);
}

/** The first mark whose name starts with `prefix` at or after `from`. */
export function firstMark(marks: readonly Mark[], prefix: string, from = 0): number | undefined {
  return marks.find(([name, at]) => name.startsWith(prefix) && at >= from)?.[1];
}
