import './comments.css';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { CommentReceipt, PublicCommentSettings } from '../../../shared/commentBasics.js';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from '../pages/PageLayout';
import { callApi } from '../public/api';
import { CommentForm } from './CommentForm';
import { periodAt } from './period';

const MINUTE_MS = 60_000;

/** The browser's clock, moved by `skewMs` to the server's, read again once a minute. */
function useServerNow(skewMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), MINUTE_MS);
    return () => window.clearInterval(timer);
  }, []);
  return now + skewMs;
}

function Received({ receipt, title }: { receipt: CommentReceipt; title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle('Comment received');
  // A new view in the same page: its heading takes focus, so a screen reader starts here.
  useEffect(() => heading.current?.focus(), []);
  return (
    <PageLayout>
      <h1 ref={heading} tabIndex={-1}>
        Comment received
      </h1>
      <p>
        Your comment on {title} is number {receipt.number}. {receipt.message}
      </p>
      <p>
        <Link to="/sessions">Upcoming sessions</Link>
      </p>
    </PageLayout>
  );
}

/** /sessions/:id/comment: the comment period and its time left, and a written or video comment. */
export function CommentPage() {
  const { id = '' } = useParams();
  const [settings, setSettings] = useState<PublicCommentSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<CommentReceipt | null>(null);
  // How far the server's clock is from this browser's: the period is the server's (W1).
  const [skew, setSkew] = useState(0);
  const now = useServerNow(skew);
  useDocumentTitle(settings ? `Comment: ${settings.session.title}` : 'Comment');

  useEffect(() => {
    callApi<PublicCommentSettings>(`/api/public/sessions/${encodeURIComponent(id)}/comments`).then(
      (s) => {
        setSkew(Date.parse(s.now) - Date.now());
        setSettings(s);
      },
      (err: Error) => setLoadError(err.message),
    );
  }, [id]);

  if (receipt && settings) return <Received receipt={receipt} title={settings.session.title} />;
  if (!settings) {
    return (
      <PageLayout>
        <h1>Comment</h1>
        <p role={loadError ? 'alert' : 'status'}>{loadError ?? 'Loading the session…'}</p>
      </PageLayout>
    );
  }
  const period = periodAt(settings, now);
  const open = settings.takesComments && period.state === 'open';
  return (
    <PageLayout>
      <h1>Comment: {settings.session.title}</h1>
      {settings.session.focus && <p>Focus: {settings.session.focus}</p>}
      <p className="period">{period.text}</p>
      {open ? (
        <>
          <p>
            You may write, or record a video, spoken or in ASL. A moderator reads every comment before it is
            published in the session’s record; we write to you when they have.
          </p>
          <CommentForm settings={settings} onSent={setReceipt} />
        </>
      ) : (
        <p>
          <Link to="/sessions">Upcoming sessions</Link> · <Link to="/records">Records of past sessions</Link>
        </p>
      )}
    </PageLayout>
  );
}
