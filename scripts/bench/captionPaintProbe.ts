// What bench:caption-paint installs in every page before the page's own scripts: stamps on one
// clock (performance.timeOrigin + performance.now(), the same for every page of one machine; the
// bench checks it) of
//   - each keydown in a textarea (the captioner's console), in a capture listener on window;
//   - each Socket.IO frame about captions sent or received (and, on the captioner, the command
//     acknowledgements), by wrapping WebSocket, so no page code is touched;
//   - once `attach()` is called, each change to the caption region (a MutationObserver) with what
//     the region then shows, and each frame that follows a change: the requestAnimationFrame
//     callback reads what this frame paints, and a message posted from it runs once the frame's
//     style, layout and paint are done on the main thread (the "painted" stamp; the compositor's
//     own step after that cannot be seen from the page).
// Plain JavaScript in a string: playwright sends it as is, with no helper of the bundler in it.
import type { Page } from 'playwright-core';

/** A view of the caption region: committed lines, the last one's text, the line in progress. */
export type RegionView = [committed: number, lastLine: string, partial: string];

export interface ProbeRecords {
  /** [stamp, key, stamp from the event's timeStamp] */
  keys: [number, string, number][];
  wsIn: [number, string][];
  wsOut: [number, string][];
  /** [stamp, ...view] at each mutation callback */
  dom: [number, ...RegionView][];
  /** [rAF stamp, painted stamp (0 if the message never ran), ...view] */
  paints: [number, number, ...RegionView][];
  /** Was the page visible (else rAF is throttled)? */
  visible: boolean;
}

export const PROBE_SCRIPT = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const rec = { keys: [], wsIn: [], wsOut: [], dom: [], paints: [] };
  const CAPTION = '"caption:';
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (typeof e.data !== 'string') return;
        if (e.data.includes(CAPTION) || e.data.startsWith('43')) rec.wsIn.push([now(), e.data]);
      });
    }
    send(data) {
      if (typeof data === 'string' && data.includes(CAPTION)) rec.wsOut.push([now(), data]);
      return super.send(data);
    }
  };
  addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLTextAreaElement) rec.keys.push([now(), e.key, performance.timeOrigin + e.timeStamp]);
  }, true);
  const textOf = (el) => {
    let text = '';
    for (const n of el.childNodes) {
      if (!(n instanceof Element && n.classList.contains('caption-speaker'))) text += n.textContent;
    }
    return text;
  };
  const attach = () => {
    const log = document.querySelector('[role="log"][aria-label="Captions"]');
    if (!log) throw new Error('No caption region to observe');
    const view = () => {
      const lines = log.querySelectorAll('.caption-line:not(.caption-partial)');
      const partial = log.querySelector('.caption-partial');
      const last = lines[lines.length - 1];
      return [lines.length, last ? textOf(last) : '', partial ? textOf(partial) : ''];
    };
    let pending = false;
    const onFrame = () => {
      pending = false;
      const entry = [now(), 0, ...view()];
      rec.paints.push(entry);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        entry[1] = now();
        channel.port1.close();
      };
      channel.port2.postMessage(0);
    };
    new MutationObserver(() => {
      rec.dom.push([now(), ...view()]);
      if (pending) return;
      pending = true;
      requestAnimationFrame(onFrame);
    }).observe(log, { subtree: true, childList: true, characterData: true });
    window.__captionPaint.view = view;
    return view();
  };
  const take = () => {
    const taken = { ...rec, visible: document.visibilityState === 'visible' };
    for (const k of ['keys', 'wsIn', 'wsOut', 'dom', 'paints']) rec[k] = [];
    return taken;
  };
  window.__captionPaint = { attach, take, now, view: () => null };
})();`;

interface ProbeWindow {
  __captionPaint: { attach(): RegionView; take(): ProbeRecords; now(): number; view(): RegionView | null };
}

/** Starts watching the page's caption region; returns what it shows now. */
export const attachProbe = (page: Page): Promise<RegionView> =>
  page.evaluate(() => (window as unknown as ProbeWindow).__captionPaint.attach());

/** What the page recorded since the last take (and forgets it). */
export const takeRecords = (page: Page): Promise<ProbeRecords> =>
  page.evaluate(() => (window as unknown as ProbeWindow).__captionPaint.take());

/** The page's clock now (the probe's). */
export const pageNow = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as ProbeWindow).__captionPaint.now());

/** What the page's caption region shows now (null before attach). */
export const regionView = (page: Page): Promise<RegionView | null> =>
  page.evaluate(() => (window as unknown as ProbeWindow).__captionPaint.view());
