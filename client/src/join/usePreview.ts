import { createLocalTracks, Room, Track, VideoPresets, type LocalTrack } from 'livekit-client';
import { useEffect, useState } from 'react';

export interface PreviewState {
  videoTrack: LocalTrack | null;
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
  /** The devices the preview really opened, so the selects show them and the room reuses them. */
  activeCameraId: string;
  activeMicrophoneId: string;
  error: string | null;
}

const EMPTY: PreviewState = {
  videoTrack: null,
  cameras: [],
  microphones: [],
  activeCameraId: '',
  activeMicrophoneId: '',
  error: null,
};

const deviceIdOf = (track: LocalTrack | undefined) => track?.mediaStreamTrack.getSettings().deviceId ?? '';

async function listDevices() {
  // Permission is already granted by the preview: do not ask LiveKit to prompt again.
  const [cameras, microphones] = await Promise.all([
    Room.getLocalDevices('videoinput', false),
    Room.getLocalDevices('audioinput', false),
  ]);
  return { cameras, microphones };
}

/** A camera and microphone check for the chosen devices; its tracks stop when it is no longer shown. */
export function usePreview(enabled: boolean, cameraId: string, microphoneId: string): PreviewState {
  const [state, setState] = useState<PreviewState>(EMPTY);

  useEffect(() => {
    if (!enabled) return;
    let tracks: LocalTrack[] = [];
    let current = true;
    const refreshDevices = () =>
      void listDevices().then((devices) => current && setState((s) => ({ ...s, ...devices })));
    createLocalTracks({
      // The same capture size the room publishes, so a camera that cannot do it shows here first.
      video: {
        deviceId: cameraId ? { exact: cameraId } : undefined,
        resolution: VideoPresets.h720.resolution,
      },
      audio: { deviceId: microphoneId ? { exact: microphoneId } : undefined },
    })
      .then(async (created) => {
        tracks = created;
        if (!current) return created.forEach((t) => t.stop());
        const video = created.find((t) => t.kind === Track.Kind.Video);
        const audio = created.find((t) => t.kind === Track.Kind.Audio);
        const devices = await listDevices();
        if (!current) return;
        setState({
          ...devices,
          videoTrack: video ?? null,
          activeCameraId: deviceIdOf(video),
          activeMicrophoneId: deviceIdOf(audio),
          error: null,
        });
      })
      .catch((err: unknown) => {
        const reason = err instanceof Error ? err.message : 'unknown error';
        if (current) setState((s) => ({ ...s, videoTrack: null, error: reason }));
      });
    navigator.mediaDevices?.addEventListener('devicechange', refreshDevices);
    return () => {
      current = false;
      navigator.mediaDevices?.removeEventListener('devicechange', refreshDevices);
      tracks.forEach((t) => t.stop());
    };
  }, [enabled, cameraId, microphoneId]);

  return state;
}
