import '../comments/comments.css';
import type { CommentFileView, PublicComment } from '../../../shared/commentBasics.js';
import type { RecordCounts } from '../../../shared/records.js';

// The record's counts and public comments (W13 in server/comments/SPEC.md), as the record page
// shows them. Never an email; an anonymous comment has no name or organization to show.

/** The file's own address on this server: the record names it with the server's public address. */
const here = (f: CommentFileView) => {
  try {
    return new URL(f.url, window.location.origin).pathname;
  } catch {
    return f.url;
  }
};

const TYPE_WORDS: Record<string, string> = {
  'application/pdf': 'PDF',
  'text/plain': 'text',
  'text/vtt': 'captions',
  'video/webm': 'WebM video',
  'video/mp4': 'MP4 video',
};
const sizeWords = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
const fileWords = (f: CommentFileView) =>
  `${TYPE_WORDS[f.type] ?? f.type.replace('image/', '').toUpperCase() + ' image'}, ${sizeWords(f.size)}`;

export function RecordCountsTable({ counts }: { counts: RecordCounts }) {
  const rows: [string, number][] = [
    ['Registered', counts.registered],
    ['Attended', counts.attended],
    ['Spoke', counts.spoke],
    ['Written remarks', counts.writtenRemarks],
    ['Comments received', counts.comments.received],
    ['Comments in the record', counts.comments.public],
    ['Written comments', counts.comments.written],
    ['Video comments', counts.comments.video],
    ['Signed comments (ASL)', counts.comments.signed],
    ...counts.comments.byTopic.map((t): [string, number] => [
      `Comments on ${t.topic || 'no topic'}`,
      t.count,
    ]),
  ];
  return (
    <table>
      <caption>Counts</caption>
      <tbody>
        {rows.map(([label, n]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n+/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i}>{p}</p>
        ))}
    </>
  );
}

function CommentArticle({ c, when }: { c: PublicComment; when: (iso: string) => string }) {
  const id = `comment-${c.number}`;
  const video = c.files.find((f) => f.role === 'video');
  const captions = c.files.find((f) => f.role === 'captions');
  const attachments = c.files.filter((f) => f.role === 'attachment');
  const by = c.name === null ? 'Anonymous' : c.organization ? `${c.name}, ${c.organization}` : c.name;
  const kind = c.kind === 'written' ? 'Written comment' : c.signed ? 'Video comment in ASL' : 'Video comment';
  return (
    <article aria-labelledby={id} className="record-comment">
      <h3 id={id}>
        Comment {c.number}: {by}
      </h3>
      <p>
        {kind}
        {c.topic && ` on ${c.topic}`}, received {when(c.submittedAt)}.{' '}
        {c.status === 'to-read' ? 'To be read into the record.' : 'Published.'}
      </p>
      {video && (
        <video
          className="comment-video"
          controls
          preload="metadata"
          src={here(video)}
          aria-label={`Video comment ${c.number}`}
        >
          {captions && <track kind="captions" src={here(captions)} label="Captions" default />}
        </video>
      )}
      {c.text && (
        <>
          {video && <h4>Summary</h4>}
          <blockquote>
            <Paragraphs text={c.text} />
          </blockquote>
        </>
      )}
      {c.transcript && (
        <>
          <h4>Transcript</h4>
          <blockquote>
            <Paragraphs text={c.transcript} />
          </blockquote>
        </>
      )}
      {(attachments.length > 0 || video) && (
        <ul>
          {[...(video ? [video] : []), ...(captions ? [captions] : []), ...attachments].map((f) => (
            <li key={f.id}>
              <a href={here(f)}>{f.name}</a> ({fileWords(f)})
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

/** The public comments of the record, in order, with the exports of them alone. */
export function RecordCommentsSection(props: {
  sessionId: string;
  comments: PublicComment[];
  when: (iso: string) => string;
}) {
  const base = `/api/public/sessions/${props.sessionId}/record/comments?format=`;
  return (
    <>
      <h2>Comments</h2>
      {props.comments.length === 0 ? (
        <p>None.</p>
      ) : (
        <>
          <p>
            Download the comments: <a href={`${base}csv`}>CSV</a>, <a href={`${base}json`}>JSON</a>
          </p>
          {props.comments.map((c) => (
            <CommentArticle key={c.id} c={c} when={props.when} />
          ))}
        </>
      )}
    </>
  );
}
