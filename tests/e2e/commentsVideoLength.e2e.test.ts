// W15 on what a real browser records: Chromium's MediaRecorder on the fake camera and microphone,
// 3 s of WebM (VP8, Opus) and of MP4, read by the server's own reader as 3 s (± 0.5 s: the
// recorder starts and stops a frame or so off the page's clock). getUserMedia needs a secure
// context: a page of http://127.0.0.1 is one, about:blank is not.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaDuration } from '../../server/comments/mediaDuration.js';
import { launchChromium } from '../support/browser.js';

let server: Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end('<!doctype html><html lang="en"><title>Recorder</title></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium({ cameraFps: 15 });
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Records `ms` of the fake camera as `type`, in one-second pieces as the comment page does. */
async function record(type: string, ms: number): Promise<{ bytes: Buffer; mimeType: string }> {
  const { base64, mimeType } = await page.evaluate(
    async ([type, ms]) => {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      const recorder = new MediaRecorder(stream, { mimeType: type });
      const chunks: Blob[] = [];
      recorder.ondataavailable = (e) => chunks.push(e.data);
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start(1000);
      await new Promise((resolve) => setTimeout(resolve, ms));
      recorder.stop();
      await stopped;
      for (const track of stream.getTracks()) track.stop();
      const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return { base64: btoa(binary), mimeType: recorder.mimeType };
    },
    [type, ms] as const,
  );
  return { bytes: Buffer.from(base64, 'base64'), mimeType };
}

describe('W15 the length of what Chromium records', () => {
  it.each([
    ['video/webm;codecs=vp8,opus', 'video/webm'],
    ['video/mp4', 'video/mp4'],
  ])('%s: 3 s recorded, 3 s read', { timeout: 60_000 }, async (recordAs, type) => {
    expect(await page.evaluate((t) => MediaRecorder.isTypeSupported(t), recordAs)).toBe(true);
    const { bytes, mimeType } = await record(recordAs, 3000);
    expect(mimeType.split(';')[0]).toBe(type);
    // Read as the server reads a stored file: in pieces, forward once.
    const pieces = Array.from({ length: Math.ceil(bytes.length / 65_536) }, (_, i) =>
      bytes.subarray(i * 65_536, (i + 1) * 65_536),
    );
    const seconds = await mediaDuration(pieces, type);
    expect(seconds).toBeGreaterThanOrEqual(2.5);
    expect(seconds).toBeLessThanOrEqual(3.5);
  });
});
