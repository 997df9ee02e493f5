import '../comments/comments.css';
import { useCallback, useEffect, useState } from 'react';
import {
  COMMENT_STATUS_LABEL,
  COMMENT_STATUSES,
  REJECTION_REASON_LABEL,
  REJECTION_REASONS,
  type CommentStatus,
  type ModeratedComment,
  type ModerationAction,
  type RejectionReason,
} from '../../../shared/commentBasics.js';
import { ORGANIZER_API, useFileUrl, type ModerationApi } from '../comments/moderationApi';
import { ApiProblem } from '../public/api';
import { CommentsSettings } from './CommentsSettings';

interface ListBody {
  comments: ModeratedComment[];
  counts: Partial<Record<CommentStatus, number>>;
}

const ACT_WORDS: Record<ModerationAction, string> = {
  publish: 'published',
  read: 'marked to be read into the record',
  reject: 'rejected',
};

/** A video's length as the server measured it (W15): 45 s, 2 min 5 s. */
const lengthWords = (s: number) =>
  s < 60 ? `${s} s` : `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;

type CommentFile = ModeratedComment['files'][number];

/** A link to one of a comment's files, at the address the API gives it (see useFileUrl). */
function FileLink({ api, file }: { api: ModerationApi; file: CommentFile }) {
  const url = useFileUrl(api, file.url);
  if (!url) return <>{file.name} (loading…)</>;
  return (
    <a href={url} download={api.fetchFile ? file.name : undefined}>
      {file.name}
    </a>
  );
}

/** A comment's video, playable here, with its captions. */
function CommentVideo({ api, c }: { api: ModerationApi; c: ModeratedComment }) {
  const video = useFileUrl(api, c.files.find((f) => f.role === 'video')?.url);
  const captions = useFileUrl(api, c.files.find((f) => f.role === 'captions')?.url);
  if (!video) return null;
  return (
    <video
      className="comment-video"
      controls
      preload="metadata"
      src={video}
      aria-label={`Video of comment ${c.number}`}
    >
      {captions && <track kind="captions" src={captions} label="Captions" default />}
    </video>
  );
}

/** One comment to decide on: who, what, its files (video playable here), and the three acts. */
function CommentItem({
  c,
  api,
  onDecide,
}: {
  c: ModeratedComment;
  api: ModerationApi;
  onDecide: (c: ModeratedComment, action: ModerationAction, reason?: RejectionReason) => void;
}) {
  const [reason, setReason] = useState<RejectionReason>('spam');
  const id = `moderate-${c.number}`;
  return (
    <li>
      <article aria-labelledby={id}>
        <h3 id={id}>
          Comment {c.number}: {c.anonymous ? 'Anonymous' : c.name}
        </h3>
        <p>
          {c.kind === 'written' ? 'Written' : c.signed ? 'Video, in ASL' : 'Video'}
          {c.durationSeconds !== null && ` (${lengthWords(c.durationSeconds)})`}
          {c.topic && `, on ${c.topic}`}. {COMMENT_STATUS_LABEL[c.status]}
          {c.reason && ` (${REJECTION_REASON_LABEL[c.reason]})`}.
        </p>
        <p>
          Email: {c.email}
          {c.anonymous && c.name && ` (gave the name ${c.name}, not published)`}
          {!c.anonymous && c.organization && `. Organization: ${c.organization}`}
        </p>
        <CommentVideo api={api} c={c} />
        {c.text && <blockquote className="description">{c.text}</blockquote>}
        {c.transcript && <p className="description">Transcript: {c.transcript}</p>}
        {c.files.length > 0 && (
          <ul>
            {c.files.map((f) => (
              <li key={f.id}>
                <FileLink api={api} file={f} />
              </li>
            ))}
          </ul>
        )}
        <div className="button-row">
          {c.status !== 'published' && (
            <button type="button" className="button primary" onClick={() => onDecide(c, 'publish')}>
              Publish comment {c.number}
            </button>
          )}
          {c.status !== 'to-read' && (
            <button type="button" className="button" onClick={() => onDecide(c, 'read')}>
              Mark comment {c.number} to be read into the record
            </button>
          )}
          {c.status !== 'rejected' && (
            <span className="button-row">
              <label htmlFor={`${id}-reason`} className="visually-hidden">
                Reason to reject comment {c.number}
              </label>
              <select
                id={`${id}-reason`}
                value={reason}
                onChange={(e) => setReason(e.target.value as RejectionReason)}
              >
                {REJECTION_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {REJECTION_REASON_LABEL[r]}
                  </option>
                ))}
              </select>
              <button type="button" className="button danger" onClick={() => onDecide(c, 'reject', reason)}>
                Reject comment {c.number}
              </button>
            </span>
          )}
        </div>
      </article>
    </li>
  );
}

interface CommentsModerationProps {
  sessionId: string;
  /** How to call the API: the organizer's (the default) or a moderator's link (A31). */
  api?: ModerationApi;
  /** Whether to show the comment period and limits, the organizer's to set (A30). */
  withSettings?: boolean;
}

/**
 * The session's comments: their settings (A30, the organizer's) and their moderation (A31, W7), each
 * act announced. The organizer's session page and a moderator's own page both show it.
 */
export function CommentsModeration({
  sessionId,
  api = ORGANIZER_API,
  withSettings = true,
}: CommentsModerationProps) {
  const [status, setStatus] = useState<CommentStatus | 'all'>('pending');
  const [body, setBody] = useState<ListBody | null>(null);
  const [said, setSaid] = useState('');
  const load = useCallback(() => {
    api
      .call<ListBody>(`/api/sessions/${sessionId}/comments?status=${status}`)
      .then(setBody, (err: unknown) => setSaid(err instanceof ApiProblem ? err.message : String(err)));
  }, [api, sessionId, status]);
  useEffect(load, [load]);

  const decide = async (c: ModeratedComment, action: ModerationAction, reason?: RejectionReason) => {
    try {
      await api.call(`/api/sessions/${sessionId}/comments/${c.id}/decision`, {
        method: 'POST',
        body: JSON.stringify(reason ? { action, reason } : { action }),
      });
      setSaid(`Comment ${c.number} ${ACT_WORDS[action]}. The commenter is told by email.`);
    } catch (err) {
      setSaid(err instanceof ApiProblem ? err.message : String(err));
    }
    load();
  };

  const total = Object.values(body?.counts ?? {}).reduce((n, x) => n + x, 0);
  return (
    <section aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments ({total})</h2>
      {withSettings && (
        <details className="settings">
          <summary>Comment period and limits</summary>
          <CommentsSettings sessionId={sessionId} onSaved={load} />
        </details>
      )}
      <div className="field">
        <label htmlFor="comments-status">Show</label>
        <select
          id="comments-status"
          value={status}
          onChange={(e) => setStatus(e.target.value as CommentStatus | 'all')}
        >
          {COMMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {COMMENT_STATUS_LABEL[s]} ({body?.counts[s] ?? 0})
            </option>
          ))}
          <option value="all">All ({total})</option>
        </select>
      </div>
      <p role="status">{said}</p>
      {body?.comments.length === 0 && <p>No comments here.</p>}
      <ul className="session-list">
        {body?.comments.map((c) => (
          <CommentItem key={c.id} c={c} api={api} onDecide={(x, a, r) => void decide(x, a, r)} />
        ))}
      </ul>
    </section>
  );
}
