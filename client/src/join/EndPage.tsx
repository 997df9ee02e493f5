import { ModeratorCommentsLink } from '../comments/ModeratorCommentsLink';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { DEFAULT_CAPTION_LANG } from '../../../shared/captionBasics.js';
import type { SessionClosedEvent, SessionSummary } from '../../../shared/protocol.js';
import type { InviteRole } from '../../../shared/roles.js';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from '../pages/PageLayout';
import './endPage.css';

/** Who sees the page: a role in the room, or the captions-only page (no role of its own there). */
export type EndPageViewer = InviteRole | 'captions';

const THANKS: Record<EndPageViewer, string> = {
  moderator: 'Thank you for moderating',
  interpreter: 'Thank you for interpreting',
  captioner: 'Thank you for writing the captions of',
  speaker: 'Thank you for taking part in',
  attendee: 'Thank you for attending',
  captions: 'Thank you for following',
};

const FORMATS = [
  { format: 'txt', label: 'Text' },
  { format: 'vtt', label: 'WebVTT' },
  { format: 'srt', label: 'SRT' },
] as const;

const HEADINGS: Record<SessionClosedEvent['reason'], string> = {
  ended: 'The session has ended',
  cancelled: 'The session was cancelled',
  'link-revoked': 'Your link was withdrawn',
};

interface EndPageProps {
  closed: SessionClosedEvent;
  session: SessionSummary;
  viewer: EndPageViewer;
  /** The join link's token: it opens the transcript for a while after the end (policy A24). */
  token: string;
}

/**
 * What a page shows when the server closes its connection for good, instead of an error: the end
 * of the session (thanks, the transcript, where the record will be), its cancellation, or a
 * withdrawn link. Focus moves to its heading, so a screen reader says at once what happened.
 */
export function EndPage({ closed, session, viewer, token }: EndPageProps) {
  const heading = HEADINGS[closed.reason];
  useDocumentTitle(heading);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <PageLayout>
      <div className="end-page">
        <h1 ref={headingRef} tabIndex={-1}>
          {heading}
        </h1>
        {closed.reason === 'ended' && (
          <Ended closed={closed} session={session} viewer={viewer} token={token} />
        )}
        {closed.reason === 'cancelled' && (
          <>
            <p>The organizer cancelled “{session.title}”. Thank you for making time for it.</p>
            <p>
              Other sessions may suit you: see the <Link to="/sessions">upcoming sessions</Link>.
            </p>
          </>
        )}
        {closed.reason === 'link-revoked' && (
          <>
            <p>
              This link no longer opens “{session.title}”: the organizer withdrew it, or the registration it
              belonged to was cancelled.
            </p>
            <p>If you think this is a mistake, ask the organizer for a new link.</p>
          </>
        )}
      </div>
    </PageLayout>
  );
}

function Ended({ closed, session, viewer, token }: EndPageProps) {
  const recordPath = `/records/${session.id}`;
  return (
    <>
      <p className="end-thanks">
        {THANKS[viewer]} “{session.title}”.
      </p>
      <section aria-labelledby="end-transcript">
        <h2 id="end-transcript">The transcript</h2>
        {closed.transcriptUntil ? (
          <>
            <p>Download the whole transcript, with who said what and when:</p>
            <ul className="end-downloads">
              {FORMATS.map(({ format, label }) => (
                <li key={format}>
                  <a
                    className="button"
                    href={transcriptUrl(session.id, format, token)}
                    download
                    aria-label={`Download the transcript as ${label}`}
                  >
                    {label}
                  </a>
                </li>
              ))}
            </ul>
            <p>Your link opens it until {longDate(closed.transcriptUntil)}.</p>
          </>
        ) : (
          <p>The transcript will be part of the record when it is published.</p>
        )}
      </section>
      {viewer === 'moderator' && (
        <section aria-labelledby="end-comments">
          <h2 id="end-comments">Comments from the public</h2>
          <p>
            Your link still decides on the session’s comments, until 30 days after the comment period closes.
          </p>
          <ModeratorCommentsLink token={token} />
        </section>
      )}
      <section aria-labelledby="end-record">
        <h2 id="end-record">The record</h2>
        <p>
          The organizers may publish the record of this session: the speakers in order, the written remarks
          and the full transcript. When they do, it will be at{' '}
          <Link to={recordPath}>{`${window.location.origin}${recordPath}`}</Link>, and listed with the{' '}
          <Link to="/records">records of past sessions</Link>.
        </p>
      </section>
    </>
  );
}

function transcriptUrl(sessionId: string, format: string, token: string): string {
  const query = new URLSearchParams({ format, lang: DEFAULT_CAPTION_LANG, token });
  return `/api/transcripts/${encodeURIComponent(sessionId)}?${query.toString()}`;
}

function longDate(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long' }).format(new Date(iso));
}
