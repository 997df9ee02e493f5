import { useEffect } from 'react';
import { useClock } from '../lib/useClock';
import { useRecorder, type Recording } from './useRecorder';

/** "2 min 5 s", "45 s": a length in words, as screen readers read it well. */
export const lengthWords = (seconds: number) =>
  seconds < 60
    ? `${seconds} s`
    : `${Math.floor(seconds / 60)} min${seconds % 60 ? ` ${seconds % 60} s` : ''}`;

interface Props {
  maxSeconds: number;
  /** Told of every new recording, and of none after "Record again". */
  onRecording: (recording: Recording | null) => void;
}

/**
 * The camera, a recording held to the session's length limit, its preview and "Record again".
 * Every change is said in a status line; the time left is a timer, read on demand and announced
 * when ten seconds are left.
 */
export function VideoRecorder({ maxSeconds, onRecording }: Props) {
  const {
    state,
    problem,
    recording,
    startedAt,
    preview,
    startCamera,
    startRecording,
    stopRecording,
    retake,
  } = useRecorder(maxSeconds);
  const now = useClock(state === 'recording');
  const elapsed = startedAt === null ? 0 : Math.floor((now - startedAt) / 1000);
  const left = Math.max(0, maxSeconds - elapsed);
  useEffect(() => onRecording(recording), [recording, onRecording]);
  // What the status line says: once per change, and once more when ten seconds are left.
  const said = {
    off: '',
    starting: 'Starting the camera…',
    preview: 'The camera is on. Press “Start recording” when you are ready.',
    recording:
      left <= 10
        ? 'Recording: 10 seconds left.'
        : `Recording. It stops by itself after ${lengthWords(maxSeconds)}.`,
    recorded: recording ? `Recorded ${lengthWords(recording.seconds)}. Watch it below, or record again.` : '',
    failed: problem,
  }[state];

  const live = state === 'starting' || state === 'preview' || state === 'recording';
  return (
    <div className="recorder">
      <p role="status" className="recorder-status">
        {said}
      </p>
      {live && (
        <video ref={preview} className="preview" aria-label="Camera preview" autoPlay muted playsInline />
      )}
      {state === 'recording' && (
        <p role="timer" aria-live="off">
          Time left: {lengthWords(left)} of {lengthWords(maxSeconds)}
        </p>
      )}
      {state === 'recorded' && recording && (
        // The commenter's own recording, with its sound: a check of what will be sent.
        <video className="preview comment-video" src={recording.url} controls aria-label="Your recording" />
      )}
      <div className="button-row">
        {(state === 'off' || state === 'failed') && (
          <button type="button" className="button" onClick={() => void startCamera()}>
            Turn on camera and microphone
          </button>
        )}
        {state === 'preview' && (
          <button type="button" className="button primary" onClick={startRecording}>
            Start recording
          </button>
        )}
        {state === 'recording' && (
          <button type="button" className="button danger" onClick={stopRecording}>
            Stop recording
          </button>
        )}
        {state === 'recorded' && (
          <button type="button" className="button" onClick={retake}>
            Record again
          </button>
        )}
      </div>
    </div>
  );
}
