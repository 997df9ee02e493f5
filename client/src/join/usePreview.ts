import { useEffect, useState } from 'react';

export interface PreviewState {
  stream: MediaStream | null;
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
  error: string | null;
}

/** A local camera and microphone preview for the chosen devices, stopped when it is no longer shown. */
export function usePreview(enabled: boolean, cameraId: string, microphoneId: string): PreviewState {
  const [state, setState] = useState<PreviewState>({
    stream: null,
    cameras: [],
    microphones: [],
    error: null,
  });

  useEffect(() => {
    if (!enabled) return;
    let stream: MediaStream | null = null;
    let current = true;
    const constraints: MediaStreamConstraints = {
      video: cameraId ? { deviceId: { exact: cameraId } } : true,
      audio: microphoneId ? { deviceId: { exact: microphoneId } } : true,
    };
    navigator.mediaDevices
      .getUserMedia(constraints)
      .then(async (s) => {
        stream = s;
        if (!current) return s.getTracks().forEach((t) => t.stop());
        const devices = await navigator.mediaDevices.enumerateDevices();
        setState({
          stream: s,
          cameras: devices.filter((d) => d.kind === 'videoinput'),
          microphones: devices.filter((d) => d.kind === 'audioinput'),
          error: null,
        });
      })
      .catch((err: unknown) => {
        if (current) {
          const reason = err instanceof Error ? err.message : 'unknown error';
          setState((s) => ({ ...s, stream: null, error: `Camera or microphone unavailable: ${reason}` }));
        }
      });
    return () => {
      current = false;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [enabled, cameraId, microphoneId]);

  return state;
}
