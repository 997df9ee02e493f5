import { useCallback, useEffect, useRef, useState } from 'react';

/** Where the recorder is: camera off, showing the camera, recording, or holding a recording. */
export type RecorderState = 'off' | 'starting' | 'preview' | 'recording' | 'recorded' | 'failed';

export interface Recording {
  blob: Blob;
  url: string;
  /** Whole seconds, at least 1, as the recorder measured them. */
  seconds: number;
  /** The file's extension for its type: webm or mp4. */
  extension: string;
}

// What the browser records, best first: WebM (Chromium, Firefox), then MP4 (Safari). The server
// stores the file as it is, and takes only these two (W6).
const TYPES = ['video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4'];
const typeToRecord = () => TYPES.find((t) => MediaRecorder.isTypeSupported(t)) ?? '';

/**
 * A video comment recorded in the browser: the camera and microphone shown before recording, a
 * recording that stops by itself at `maxSeconds`, and "record again" that keeps the camera on.
 * The media stream and the recording's object URL are released on unmount.
 */
export function useRecorder(maxSeconds: number) {
  const [state, setState] = useState<RecorderState>('off');
  const [problem, setProblem] = useState('');
  const [recording, setRecording] = useState<Recording | null>(null);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const stream = useRef<MediaStream | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const limit = useRef<number | undefined>(undefined);
  const preview = useRef<HTMLVideoElement | null>(null);

  const release = useCallback(() => {
    for (const track of stream.current?.getTracks() ?? []) track.stop();
    stream.current = null;
  }, []);

  useEffect(
    () => () => {
      window.clearTimeout(limit.current);
      if (recorder.current?.state === 'recording') recorder.current.stop();
      release();
    },
    [release],
  );
  useEffect(() => () => void (recording && URL.revokeObjectURL(recording.url)), [recording]);

  /** Shows the camera in `preview` (the element the page renders), asking for it first if needed. */
  const startCamera = useCallback(async () => {
    setState('starting');
    setProblem('');
    try {
      stream.current ??= await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      if (preview.current) preview.current.srcObject = stream.current;
      setState('preview');
    } catch (err) {
      setProblem(
        (err as Error).name === 'NotAllowedError'
          ? 'The browser was not allowed to use the camera and microphone. Allow them in its settings, or upload a video file instead.'
          : 'No camera and microphone could be started. You can upload a video file instead.',
      );
      setState('failed');
    }
  }, []);

  const stopRecording = useCallback(() => {
    window.clearTimeout(limit.current);
    if (recorder.current?.state === 'recording') recorder.current.stop();
  }, []);

  const startRecording = useCallback(() => {
    if (!stream.current) return;
    const type = typeToRecord();
    const media = new MediaRecorder(stream.current, type ? { mimeType: type } : {});
    const chunks: Blob[] = [];
    const began = Date.now();
    media.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    media.onstop = () => {
      const blobType = media.mimeType || type || 'video/webm';
      const blob = new Blob(chunks, { type: blobType.split(';')[0] });
      const seconds = Math.min(maxSeconds, Math.max(1, Math.round((Date.now() - began) / 1000)));
      const extension = blobType.startsWith('video/mp4') ? 'mp4' : 'webm';
      setRecording({ blob, url: URL.createObjectURL(blob), seconds, extension });
      setStartedAt(null);
      setState('recorded');
    };
    recorder.current = media;
    media.start(1000);
    setStartedAt(began);
    setState('recording');
    limit.current = window.setTimeout(stopRecording, maxSeconds * 1000);
  }, [maxSeconds, stopRecording]);

  /** Throws the recording away and shows the camera again, ready to record anew. */
  const retake = useCallback(() => {
    setRecording(null);
    setState('preview');
    requestAnimationFrame(() => {
      if (preview.current && stream.current) preview.current.srcObject = stream.current;
    });
  }, []);

  return {
    state,
    problem,
    recording,
    startedAt,
    preview,
    startCamera,
    startRecording,
    stopRecording,
    retake,
  };
}
