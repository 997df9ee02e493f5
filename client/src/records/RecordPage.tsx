import { Fragment, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from '../pages/PageLayout';
import { callApi } from '../public/api';
import type { PublicComment } from '../../../shared/commentBasics.js';
import type { RecordCounts, RecordDates } from '../../../shared/records.js';
import { RecordCommentsSection, RecordCountsTable } from './RecordComments';
import { byLanguage } from '../../../shared/transcriptLanguages.js';
import { describeHeld } from './when';

interface RecordView {
  session: { id: string; title: string; focus: string; startsAt: string; endsAt: string; timeZone: string };
  speakers: {
    order: number;
    name: string;
    kind: 'speak' | 'remark';
    topic: string;
    startedAt: string;
    endedAt: string | null;
    durationSeconds: number | null;
    /** Who voiced a signing speaker, in words: "Ana Ruiz, then Ben Okafor" (queue rule Q21). */
    voicedBy?: string;
  }[];
  remarks: { name: string; text: string; at: string }[];
  transcript: { seq: number; lang: string; speaker: string; text: string; at: string }[];
  dates: RecordDates;
  counts: RecordCounts;
  comments: PublicComment[];
}

const clock = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', {
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
    timeZone,
  }).format(new Date(iso));
const dateTime = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso));
const duration = (s: number | null) => (s === null ? '' : `${Math.floor(s / 60)} min ${s % 60} s`);

/** /records/:id: the published record of a session, for anyone, with its downloads. */
export function RecordPage() {
  const { id = '' } = useParams();
  const [record, setRecord] = useState<RecordView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(record ? `Record: ${record.session.title}` : 'Record');
  useEffect(() => {
    callApi<RecordView>(`/api/public/sessions/${encodeURIComponent(id)}/record`).then(setRecord, () =>
      setError('This record has not been published.'),
    );
  }, [id]);

  if (!record) {
    return (
      <PageLayout>
        <h1>Record</h1>
        <p role={error ? 'alert' : 'status'}>{error ?? 'Loading the record…'}</p>
      </PageLayout>
    );
  }
  const zone = record.session.timeZone;
  const tracks = byLanguage(record.transcript);
  const base = `/api/public/sessions/${id}/record?format=`;
  return (
    <PageLayout>
      <h1>Record: {record.session.title}</h1>
      <p>
        Held {describeHeld(record.session)}. The times below are in {zone}.
      </p>
      {record.dates.commentsOpenedAt && record.dates.commentsClosedAt && (
        <p>
          Comments were taken from {dateTime(record.dates.commentsOpenedAt, zone)} to{' '}
          {dateTime(record.dates.commentsClosedAt, zone)}.
        </p>
      )}
      {record.session.focus && <p>Focus: {record.session.focus}</p>}
      <p>
        Download: <a href={`${base}html`}>HTML</a>, <a href={`${base}md`}>Markdown</a>,{' '}
        <a href={`${base}json`}>JSON</a>
      </p>
      <p>
        <Link to="/records">All published records</Link>
      </p>
      <h2>Counts</h2>
      <RecordCountsTable counts={record.counts} />
      <h2>Speakers</h2>
      {record.speakers.length === 0 ? (
        <p>Nobody took the floor.</p>
      ) : (
        <table>
          <caption>Speakers in order (times in {zone})</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Topic</th>
              <th scope="col">Start</th>
              <th scope="col">End</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {record.speakers.map((s) => (
              <tr key={s.order}>
                <td>{s.order}</td>
                <td>
                  {s.name}
                  {s.voicedBy && ` (voiced by ${s.voicedBy})`}
                </td>
                <td>{s.kind === 'remark' ? 'Written remark' : 'Spoke'}</td>
                <td>{s.topic}</td>
                <td>{clock(s.startedAt, zone)}</td>
                <td>{s.endedAt ? clock(s.endedAt, zone) : ''}</td>
                <td>{duration(s.durationSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Written remarks</h2>
      {record.remarks.length === 0 && <p>None.</p>}
      {record.remarks.map((r) => (
        <figure key={r.at + r.name}>
          <blockquote>
            <p>{r.text}</p>
          </blockquote>
          <figcaption>
            {r.name}, {clock(r.at, zone)}
          </figcaption>
        </figure>
      ))}
      <RecordCommentsSection sessionId={id} comments={record.comments} when={(iso) => dateTime(iso, zone)} />
      <h2>Transcript</h2>
      {record.transcript.length === 0 && <p>No captions were written.</p>}
      {tracks.map((track) => (
        <Fragment key={track.lang}>
          {tracks.length > 1 && (
            <h3>
              {track.name} ({track.lang})
            </h3>
          )}
          {/* Each caption language in an element that says so: a screen reader reads it in its voice. */}
          <div lang={track.lang}>
            {track.lines.map((l) => (
              <p key={l.seq}>
                <time dateTime={l.at}>{clock(l.at, zone)}</time> <b>{l.speaker}:</b> {l.text}
              </p>
            ))}
          </div>
        </Fragment>
      ))}
    </PageLayout>
  );
}
