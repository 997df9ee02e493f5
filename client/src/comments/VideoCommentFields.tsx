import type { PublicCommentSettings } from '../../../shared/commentBasics.js';
import type { FieldErrors } from '../public/Field';
import { CommentText } from './CommentText';
import { FileField } from './FileField';
import type { CommentFormValues } from './sendComment';
import type { Recording } from './useRecorder';
import { lengthWords, VideoRecorder } from './VideoRecorder';

interface Props {
  settings: PublicCommentSettings;
  form: CommentFormValues;
  set: <K extends keyof CommentFormValues>(key: K, value: CommentFormValues[K]) => void;
  errors: FieldErrors;
  recording: Recording | null;
  onRecording: (r: Recording | null) => void;
  onVideoFile: (f: File | null) => void;
  onCaptions: (f: File | null) => void;
}

/** A video comment's part of the form: the recorder or a file, the ASL mark, summary, transcript, captions. */
export function VideoCommentFields({
  settings,
  form,
  set,
  errors,
  recording,
  onRecording,
  onVideoFile,
  onCaptions,
}: Props) {
  const field = { errors };
  return (
    <fieldset id="reg-video" tabIndex={-1}>
      <legend>Your video, at most {lengthWords(settings.videoMaxSeconds)}</legend>
      <VideoRecorder maxSeconds={settings.videoMaxSeconds} onRecording={onRecording} />
      {errors.video && <p className="error">{errors.video}</p>}
      {!recording && (
        <FileField
          name="videoFile"
          label="Or upload a video file (WebM or MP4)"
          hint={`At most ${lengthWords(settings.videoMaxSeconds)} long.`}
          accept="video/webm,video/mp4,.webm,.mp4"
          errors={errors}
          onFiles={(f) => onVideoFile(f[0] ?? null)}
        />
      )}
      <label className="check">
        <input type="checkbox" checked={form.signed} onChange={(e) => set('signed', e.target.checked)} />
        This comment is in ASL (or another sign language): the organizer will have it interpreted
      </label>
      <CommentText
        {...field}
        name="summary"
        label="Written summary (optional)"
        hint={`At most ${settings.wordLimit} words. Shown beside your video.`}
        value={form.summary}
        onChange={(v) => set('summary', v)}
        wordLimit={settings.wordLimit}
      />
      <CommentText
        {...field}
        name="transcript"
        label="Transcript (optional)"
        hint="What you say or sign in the video, for those who cannot watch or hear it."
        value={form.transcript}
        onChange={(v) => set('transcript', v)}
      />
      <FileField
        name="captions"
        label="Captions file (optional, WebVTT)"
        hint="If you have captions for your video as a .vtt file."
        accept=".vtt,text/vtt"
        errors={errors}
        onFiles={(f) => onCaptions(f[0] ?? null)}
      />
    </fieldset>
  );
}
