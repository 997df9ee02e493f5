// A speaker's camera and microphone, captured ahead and published at the grant
// (client/src/room/publish.ts, preparedTracks.ts), against a fake of LiveKit's local participant:
// publishes that overlap (the grant's event and a fresh connection at once) must not make a second
// microphone, and a microphone muted meanwhile stays muted.
import { setTimeout as sleep } from 'node:timers/promises';
import { Track, type Room } from 'livekit-client';
import type * as LiveKit from 'livekit-client';
import { describe, expect, it, vi } from 'vitest';

interface FakeTrack {
  id: string;
  source: Track.Source;
  isMuted: boolean;
  stopped: boolean;
  mute(): Promise<void>;
  unmute(): Promise<void>;
  stop(): void;
}
let made = 0;
const fakeTrack = (source: Track.Source): FakeTrack => ({
  id: `${source}-${++made}`,
  source,
  isMuted: false,
  stopped: false,
  mute() {
    this.isMuted = true;
    return Promise.resolve();
  },
  unmute() {
    this.isMuted = false;
    return Promise.resolve();
  },
  stop() {
    this.stopped = true;
  },
});

// The capture itself: the tracks a page would get from the camera and microphone.
vi.mock('livekit-client', async (actual) => ({
  ...(await actual<typeof LiveKit>()),
  createLocalTracks: vi.fn(() =>
    Promise.resolve([fakeTrack(Track.Source.Camera), fakeTrack(Track.Source.Microphone)]),
  ),
}));
const { publishCameraAndMicrophone } = await import('../../client/src/room/publish.js');
const { prepareTracks } = await import('../../client/src/room/preparedTracks.js');

/** LiveKit's local participant as far as publishing goes: a publication appears when the SFU answers. */
function fakeRoom() {
  const published: FakeTrack[] = [];
  const pubs = new Map<
    Track.Source,
    { track: FakeTrack; readonly isMuted: boolean; mute(): Promise<void> }
  >();
  const publication = (track: FakeTrack) => ({
    track,
    get isMuted() {
      return track.isMuted;
    },
    mute: () => track.mute(),
  });
  const publishTrack = async (track: FakeTrack) => {
    await sleep(20); // the round trip to the SFU
    published.push(track);
    pubs.set(track.source, publication(track));
  };
  const enable = (source: Track.Source) => async (on: boolean) => {
    const pub = pubs.get(source);
    if (pub) return on ? pub.track.unmute() : pub.mute();
    if (on) await publishTrack(fakeTrack(source));
  };
  const localParticipant = {
    getTrackPublication: (source: Track.Source) => pubs.get(source),
    publishTrack,
    setCameraEnabled: enable(Track.Source.Camera),
    setMicrophoneEnabled: enable(Track.Source.Microphone),
    createTracks: (options: { audio?: unknown }) =>
      Promise.resolve([fakeTrack(options.audio ? Track.Source.Microphone : Track.Source.Camera)]),
  };
  return { room: { localParticipant } as unknown as Room, published, pubs };
}

const CHOICES = { cameraId: '', microphoneId: '' };
const microphones = (published: FakeTrack[]) => published.filter((t) => t.source === Track.Source.Microphone);

describe('publishing a speaker’s tracks made ahead', () => {
  it('publishes each source once when the grant and a fresh connection publish at once', async () => {
    const { room, published } = fakeRoom();
    void prepareTracks(room, {});
    await Promise.all([
      publishCameraAndMicrophone(room, 'speaker', CHOICES),
      publishCameraAndMicrophone(room, 'speaker', CHOICES),
    ]);
    expect(published.map((t) => t.source).sort()).toEqual([Track.Source.Camera, Track.Source.Microphone]);
    // The ones captured ahead, not new ones.
    expect(published.every((t) => t.id.endsWith('-1') || t.id.endsWith('-2'))).toBe(true);
  });

  it('leaves a microphone muted while a second publish waited muted, and makes no other', async () => {
    const { room, published, pubs } = fakeRoom();
    void prepareTracks(room, {});
    const first = publishCameraAndMicrophone(room, 'speaker', CHOICES);
    // The reconnection asks with what it knew then: everything on.
    const second = publishCameraAndMicrophone(room, 'speaker', CHOICES, { camera: true, microphone: true });
    await first;
    await pubs.get(Track.Source.Microphone)!.mute(); // "Mute microphone", pressed at once
    await second;
    expect(microphones(published)).toHaveLength(1);
    expect(pubs.get(Track.Source.Microphone)!.isMuted).toBe(true);
  });

  it('publishes what the person turned off muted, and sends nothing of it', async () => {
    const { room, published } = fakeRoom();
    void prepareTracks(room, {});
    await publishCameraAndMicrophone(room, 'speaker', CHOICES, { camera: true, microphone: false });
    expect(microphones(published).map((t) => t.isMuted)).toEqual([true]);
  });
});
