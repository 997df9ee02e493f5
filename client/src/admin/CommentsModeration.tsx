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
import { ApiProblem, callApi } from '../public/api';
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

/** One comment to decide on: who, what, its files (video playable here), and the three acts. */
function CommentItem({
  c,
  onDecide,
}: {
  c: ModeratedComment;
  onDecide: (c: ModeratedComment, action: ModerationAction, reason?: RejectionReason) => void;
}) {
  const [reason, setReason] = useState<RejectionReason>('spam');
  const video = c.files.find((f) => f.role === 'video');
  const captions = c.files.find((f) => f.role === 'captions');
  const id = `moderate-${c.number}`;
  return (
    <li>
      <article aria-labelledby={id}>
        <h3 id={id}>
          Comment {c.number}: {c.anonymous ? 'Anonymous' : c.name}
        </h3>
        <p>
          {c.kind === 'written' ? 'Written' : c.signed ? 'Video, in ASL' : 'Video'}
          {c.topic && `, on ${c.topic}`}. {COMMENT_STATUS_LABEL[c.status]}
          {c.reason && ` (${REJECTION_REASON_LABEL[c.reason]})`}.
        </p>
        <p>
          Email: {c.email}
          {c.anonymous && c.name && ` (gave the name ${c.name}, not published)`}
          {!c.anonymous && c.organization && `. Organization: ${c.organization}`}
        </p>
        {video && (
          <video
            className="comment-video"
            controls
            preload="metadata"
            src={video.url}
            aria-label={`Video of comment ${c.number}`}
          >
            {captions && <track kind="captions" src={captions.url} label="Captions" default />}
          </video>
        )}
        {c.text && <blockquote className="description">{c.text}</blockquote>}
        {c.transcript && <p className="description">Transcript: {c.transcript}</p>}
        {c.files.length > 0 && (
          <ul>
            {c.files.map((f) => (
              <li key={f.id}>
                <a href={f.url}>{f.name}</a>
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

/** The session's comments: their settings (A30) and their moderation (A31, W7), each act announced. */
export function CommentsModeration({ sessionId }: { sessionId: string }) {
  const [status, setStatus] = useState<CommentStatus | 'all'>('pending');
  const [body, setBody] = useState<ListBody | null>(null);
  const [said, setSaid] = useState('');
  const load = useCallback(() => {
    void callApi<ListBody>(`/api/sessions/${sessionId}/comments?status=${status}`).then(setBody);
  }, [sessionId, status]);
  useEffect(load, [load]);

  const decide = async (c: ModeratedComment, action: ModerationAction, reason?: RejectionReason) => {
    try {
      await callApi(`/api/sessions/${sessionId}/comments/${c.id}/decision`, {
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
      <details className="settings">
        <summary>Comment period and limits</summary>
        <CommentsSettings sessionId={sessionId} onSaved={load} />
      </details>
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
          <CommentItem key={c.id} c={c} onDecide={(x, a, r) => void decide(x, a, r)} />
        ))}
      </ul>
    </section>
  );
}
