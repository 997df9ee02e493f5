import { lazy, Suspense, useCallback, useRef, useState, type FormEvent } from 'react';
import { FileField } from './FileField';
import type { CommentReceipt, PublicCommentSettings } from '../../../shared/commentBasics.js';
import { ApiProblem } from '../public/api';
import { ErrorSummary } from '../public/ErrorSummary';
import { Field, type FieldErrors } from '../public/Field';
import { CommentText } from './CommentText';
import { commentForm, EMPTY_COMMENT, sendComment, type CommentFormValues } from './sendComment';
import type { Recording } from './useRecorder';

const MB = 1024 * 1024;
const ATTACHMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.txt,application/pdf,image/*,text/plain';

// The video's fields, the recorder with them, load when the person chooses a video comment: the
// written form alone keeps the page within its weight.
const VideoCommentFields = lazy(async () => ({
  default: (await import('./VideoCommentFields')).VideoCommentFields,
}));

/** The form of a written or video comment; the server checks it and names each field's problem. */
export function CommentForm({
  settings,
  onSent,
}: {
  settings: PublicCommentSettings;
  onSent: (receipt: CommentReceipt) => void;
}) {
  const [form, setForm] = useState<CommentFormValues>({ ...EMPTY_COMMENT, topic: settings.topics[0] ?? '' });
  const [attachments, setAttachments] = useState<File[]>([]);
  const [recording, setRecording] = useState<Recording | null>(null);
  const [videoFile, setVideoFile] = useState<File | null>(null);
  const [captions, setCaptions] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const set = <K extends keyof CommentFormValues>(key: K, value: CommentFormValues[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const onRecording = useCallback((r: Recording | null) => setRecording(r), []);

  const refuse = (next: FieldErrors, text: string | null) => {
    setErrors(next);
    setMessage(text);
    requestAnimationFrame(() => summary.current?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Checked here only to spare a long upload; the server checks everything again.
    if (form.kind === 'written' && attachments.length > settings.attachmentsMax)
      return refuse({ attachments: `At most ${settings.attachmentsMax} attachments.` }, null);
    if (form.kind === 'written' && attachments.some((f) => f.size > settings.attachmentMaxBytes))
      return refuse(
        { attachments: `Each attachment may be at most ${settings.attachmentMaxBytes / MB} MB.` },
        null,
      );
    if (form.kind === 'video' && !recording && !videoFile)
      return refuse({ video: 'Record a video, or choose a video file.' }, null);
    setBusy(true);
    try {
      const files = { attachments, recording, videoFile, captions };
      onSent(await sendComment(settings.session.id, form.kind, commentForm(form, files)));
    } catch (err) {
      const problem = err instanceof ApiProblem ? err : new ApiProblem(String(err), 0);
      const next: FieldErrors = {};
      for (const issue of problem.issues) next[issue.path.split('.')[0] || 'form'] ??= issue.message;
      refuse(next, problem.issues.length ? null : problem.message);
    } finally {
      setBusy(false);
    }
  };

  const field = { errors, form, set: (key: keyof CommentFormValues, value: string) => set(key, value) };
  return (
    <>
      <ErrorSummary summaryRef={summary} errors={errors} message={message} />
      <form onSubmit={(e) => void submit(e)} noValidate className="registration comment-form">
        <fieldset>
          <legend>How would you like to comment?</legend>
          {(['written', 'video'] as const).map((kind) => (
            <label key={kind} className="check">
              <input
                type="radio"
                name="kind"
                checked={form.kind === kind}
                onChange={() => set('kind', kind)}
              />
              {kind === 'written' ? 'In writing' : 'On video (spoken or signed, recorded here or uploaded)'}
            </label>
          ))}
        </fieldset>
        {settings.anonymousAllowed && (
          <label className="check">
            <input
              type="checkbox"
              checked={form.anonymous}
              onChange={(e) => set('anonymous', e.target.checked)}
            />
            Comment anonymously: your name and organization are not asked or published
          </label>
        )}
        {!form.anonymous && (
          <>
            <Field {...field} name="name" label="Full name" autoComplete="name" required />
            <Field
              {...field}
              name="organization"
              label="Organization (optional)"
              autoComplete="organization"
            />
          </>
        )}
        <Field
          {...field}
          name="email"
          label="Email (never published)"
          type="email"
          autoComplete="email"
          required
        />
        {settings.topics.length > 1 && (
          <div className="field">
            <label htmlFor="reg-topic">Topic</label>
            <select id="reg-topic" value={form.topic} onChange={(e) => set('topic', e.target.value)}>
              {settings.topics.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </div>
        )}
        {settings.topics.length === 1 && <p>Topic: {settings.topics[0]}</p>}
        {form.kind === 'written' ? (
          <>
            <CommentText
              {...field}
              name="text"
              label="Your comment"
              hint={`At most ${settings.wordLimit} words.`}
              value={form.text}
              onChange={(v) => set('text', v)}
              wordLimit={settings.wordLimit}
              required
            />
            <FileField
              name="attachments"
              label="Attachments (optional)"
              hint={`Up to ${settings.attachmentsMax} files of ${settings.attachmentMaxBytes / MB} MB each: PDF, images (PNG, JPEG, GIF, WebP) or plain text.`}
              accept={ATTACHMENT_ACCEPT}
              multiple
              errors={errors}
              onFiles={setAttachments}
            />
          </>
        ) : (
          <Suspense fallback={<p role="status">Loading the video recorder…</p>}>
            <VideoCommentFields
              settings={settings}
              form={form}
              set={set}
              errors={errors}
              recording={recording}
              onRecording={onRecording}
              onVideoFile={setVideoFile}
              onCaptions={setCaptions}
            />
          </Suspense>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Sending…' : 'Send comment'}
        </button>
      </form>
    </>
  );
}
