import type { Page } from 'playwright-core';

export interface VideoSample {
  framesDecoded: number;
  width: number;
  height: number;
  at: number;
}

/**
 * Reads the receiver's inbound-rtp stats for a remote participant's camera, through the page's
 * LiveKit Room (exposed by the client as window.openfloor.room). Null until the track is subscribed.
 */
export function sampleRemoteVideo(page: Page, identity: string): Promise<VideoSample | null> {
  return page.evaluate(async (id) => {
    type Pub = { source: string; track?: { getRTCStatsReport(): Promise<RTCStatsReport | undefined> } };
    type Room = { remoteParticipants: Map<string, { trackPublications: Map<string, Pub> }> };
    const room = (window as unknown as { openfloor?: { room: Room } }).openfloor?.room;
    const participant = room?.remoteParticipants.get(id);
    const camera = [...(participant?.trackPublications.values() ?? [])].find((p) => p.source === 'camera');
    const report = await camera?.track?.getRTCStatsReport();
    let sample: VideoSample | null = null;
    report?.forEach((s: Record<string, unknown>) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') {
        sample = {
          framesDecoded: Number(s.framesDecoded ?? 0),
          width: Number(s.frameWidth ?? 0),
          height: Number(s.frameHeight ?? 0),
          at: performance.now(),
        };
      }
    });
    return sample;
  }, identity);
}

/** Decoded frames per second of a remote camera over a window of several seconds. */
export async function measureFps(page: Page, identity: string, windowMs: number) {
  const a = await sampleRemoteVideo(page, identity);
  await page.waitForTimeout(windowMs);
  const b = await sampleRemoteVideo(page, identity);
  if (!a || !b) throw new Error(`no video stats for ${identity}`);
  return {
    fps: ((b.framesDecoded - a.framesDecoded) * 1000) / (b.at - a.at),
    width: b.width,
    height: b.height,
  };
}
