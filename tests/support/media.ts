import type { Page } from 'playwright-core';

export interface VideoSample {
  /** The layer the viewer asked LiveKit for: 0 low, 1 medium, 2 high. */
  requestedQuality: number;
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
    type Pub = {
      source: string;
      videoQuality?: number;
      track?: { getRTCStatsReport(): Promise<RTCStatsReport | undefined> };
    };
    type Room = { remoteParticipants: Map<string, { trackPublications: Map<string, Pub> }> };
    const room = (window as unknown as { openfloor?: { room: Room } }).openfloor?.room;
    const participant = room?.remoteParticipants.get(id);
    const camera = [...(participant?.trackPublications.values() ?? [])].find((p) => p.source === 'camera');
    const report = await camera?.track?.getRTCStatsReport();
    let sample: VideoSample | null = null;
    report?.forEach((s: Record<string, unknown>) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') {
        sample = {
          requestedQuality: camera?.videoQuality ?? -1,
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
    requestedQuality: b.requestedQuality,
  };
}

/** The publisher's view of its own camera: one entry per simulcast layer sent. */
export function sampleLocalLayers(page: Page) {
  return page.evaluate(async () => {
    type Pub = { source: string; track?: { getRTCStatsReport(): Promise<RTCStatsReport | undefined> } };
    type Room = { localParticipant: { trackPublications: Map<string, Pub> } };
    const room = (window as unknown as { openfloor?: { room: Room } }).openfloor?.room;
    const camera = [...(room?.localParticipant.trackPublications.values() ?? [])].find(
      (p) => p.source === 'camera',
    );
    const report = await camera?.track?.getRTCStatsReport();
    const layers: { rid: string; size: string; fps: number; limitedBy: string }[] = [];
    report?.forEach((s: Record<string, string | number | undefined>) => {
      if (s.type !== 'outbound-rtp') return;
      layers.push({
        rid: String(s.rid ?? '-'),
        size: `${s.frameWidth ?? 0}x${s.frameHeight ?? 0}`,
        fps: Number(s.framesPerSecond ?? 0),
        limitedBy: String(s.qualityLimitationReason ?? 'none'),
      });
    });
    return layers;
  });
}

/** What the publisher's camera captures and how its sender is set up (simulcast encodings). */
export function samplePublishing(page: Page) {
  return page.evaluate(() => {
    type Sender = { getParameters(): RTCRtpSendParameters & { degradationPreference?: string } };
    type Pub = { source: string; track?: { mediaStreamTrack: MediaStreamTrack; sender?: Sender } };
    type Room = { localParticipant: { trackPublications: Map<string, Pub> } };
    const room = (window as unknown as { openfloor?: { room: Room } }).openfloor?.room;
    const camera = [...(room?.localParticipant.trackPublications.values() ?? [])].find(
      (p) => p.source === 'camera',
    );
    const settings = camera?.track?.mediaStreamTrack.getSettings();
    const params = camera?.track?.sender?.getParameters();
    return {
      capture: {
        width: settings?.width ?? 0,
        height: settings?.height ?? 0,
        frameRate: settings?.frameRate ?? 0,
      },
      degradationPreference: params?.degradationPreference ?? null,
      encodings: (params?.encodings ?? []).map((e) => ({
        rid: e.rid ?? '-',
        scaleDown: e.scaleResolutionDownBy ?? 1,
        maxFramerate: e.maxFramerate ?? 0,
      })),
    };
  });
}
