import { byLanguage } from '../../shared/transcriptLanguages.js';
import type { CaptionLine } from '../../shared/captions.js';
import type { PublicComment } from '../../shared/comments.js';
import type { RecordCounts, RecordDates } from '../../shared/records.js';
import { clock, duration, esc, md, when } from './recordText.js';
import { voicedWords } from './voices.js';
import { commentsHtml, commentsMarkdown, countsHtml, countsMarkdown, periodWords } from './recordComments.js';

export interface RecordTurn {
  /** Who held the floor: one person speaking twice spoke once in the counts. */
  participantId?: string;
  name: string;
  kind: 'speak' | 'remark';
  topic: string | null;
  remark: string | null;
  startedAt: string;
  endedAt: string | null;
  /** The interpreters who voiced a signing speaker (issue 15), in order; none when nobody did. */
  voicedBy?: readonly string[];
}

export interface RecordInput {
  session: {
    id: string;
    title: string;
    description: string;
    focus: string;
    startsAt: string;
    endsAt: string;
    timeZone: string;
  };
  turns: RecordTurn[];
  transcript: CaptionLine[];
  publishedAt: string;
  /** The public comments, in order (W13); none when absent. */
  comments?: PublicComment[];
  /** What the store counts beside the turns and the comments (W13); zeros when absent. */
  tallies?: { registered: number; attended: number; commentsReceived: number };
  /** The comment period, when the session had one. */
  commentPeriod?: { opensAt: string | null; closesAt: string | null };
}

/** W13: the counts of a record, from its turns and public comments and what the store counted. */
function countsOf(input: RecordInput, remarks: number): RecordCounts {
  const comments = input.comments ?? [];
  const topics = new Map<string, number>();
  for (const c of comments) topics.set(c.topic, (topics.get(c.topic) ?? 0) + 1);
  const speakers = new Set(
    input.turns.filter((t) => t.kind === 'speak').map((t) => t.participantId ?? t.name),
  );
  return {
    registered: input.tallies?.registered ?? 0,
    attended: input.tallies?.attended ?? 0,
    spoke: speakers.size,
    writtenRemarks: remarks,
    comments: {
      received: input.tallies?.commentsReceived ?? comments.length,
      public: comments.length,
      written: comments.filter((c) => c.kind === 'written').length,
      video: comments.filter((c) => c.kind === 'video').length,
      signed: comments.filter((c) => c.signed).length,
      byTopic: [...topics].map(([topic, count]) => ({ topic, count })),
    },
  };
}

/** The published record: who spoke, in order, for how long; the written remarks; the transcript. */
export function buildRecord(input: RecordInput) {
  const speakers = input.turns.map((t, i) => ({
    order: i + 1,
    name: t.name,
    kind: t.kind,
    topic: t.topic ?? '',
    startedAt: t.startedAt,
    endedAt: t.endedAt,
    durationSeconds: t.endedAt ? Math.round((Date.parse(t.endedAt) - Date.parse(t.startedAt)) / 1000) : null,
    // Q21: "Ana Ruiz, then Ben Okafor" in words, and the names one by one for a program to read.
    ...(t.voicedBy?.length ? { voicedBy: voicedWords(t.voicedBy), voices: [...t.voicedBy] } : {}),
  }));
  const remarks = input.turns
    .filter((t) => t.kind === 'remark' && t.remark)
    .map((t) => ({ name: t.name, text: t.remark!, at: t.startedAt }));
  // A corrected caption line keeps the correction's time (C19 in server/captions/SPEC.md).
  const transcript = input.transcript.map(({ seq, lang, speaker, text, startedAt, correctedAt }) => ({
    seq,
    lang,
    speaker,
    text,
    at: startedAt,
    ...(correctedAt ? { correctedAt } : {}),
  }));
  const dates: RecordDates = {
    startsAt: input.session.startsAt,
    endsAt: input.session.endsAt,
    timeZone: input.session.timeZone,
    commentsOpenedAt: input.commentPeriod?.opensAt ?? null,
    commentsClosedAt: input.commentPeriod?.closesAt ?? null,
    publishedAt: input.publishedAt,
  };
  return {
    session: input.session,
    publishedAt: input.publishedAt,
    dates,
    counts: countsOf(input, remarks.length),
    speakers,
    remarks,
    comments: input.comments ?? [],
    transcript,
  };
}

export type SessionRecord = ReturnType<typeof buildRecord>;

export function recordMarkdown(r: SessionRecord): string {
  const zone = r.session.timeZone;
  const out = [
    `# ${md(r.session.title)}`,
    '',
    `${md(when(r.session.startsAt, zone))} to ${md(when(r.session.endsAt, zone))} (${md(zone)})`,
  ];
  const period = periodWords(r.dates);
  if (period) out.push('', md(period));
  out.push('', md(`Published ${when(r.publishedAt, zone)}.`));
  if (r.session.focus) out.push('', `Focus: ${md(r.session.focus)}`);
  if (r.session.description) out.push('', md(r.session.description));
  out.push('', '## Counts', '', ...countsMarkdown(r.counts));
  out.push('', '## Speakers', '');
  if (r.speakers.length === 0) out.push('Nobody took the floor.');
  out.push(
    ...r.speakers.map(
      (s) =>
        `${s.order}\\. ${md(s.name)}${s.voicedBy ? ` (voiced by ${md(s.voicedBy)})` : ''}${s.kind === 'remark' ? ' (written remark)' : ''}${s.topic ? `: ${md(s.topic)}` : ''}, ` +
        `${clock(s.startedAt, zone)} to ${s.endedAt ? clock(s.endedAt, zone) : '…'}, ${duration(s.durationSeconds)}`,
    ),
  );
  out.push('', '## Written remarks', '');
  if (r.remarks.length === 0) out.push('None.');
  for (const remark of r.remarks)
    out.push(`**${md(remark.name)}**, ${clock(remark.at, zone)}:`, '', `> ${md(remark.text)}`, '');
  out.push('', '## Comments', '', ...commentsMarkdown(r.comments, zone));
  out.push('', '## Transcript', '');
  if (r.transcript.length === 0) out.push('No captions were written.');
  const tracks = byLanguage(r.transcript);
  for (const track of tracks) {
    // One language keeps the plain heading; several each get their own, named.
    if (tracks.length > 1) out.push('', `### ${md(track.name)} (${md(track.lang)})`, '');
    for (const line of track.lines)
      out.push(`${clock(line.at, zone)} **${md(line.speaker)}**: ${md(line.text)}  `);
  }
  return `${out.join('\n')}\n`;
}

/** The HTML record's only style: a page that stands alone when saved; the CSP allows it by hash. */
export const RECORD_CSS = `body{font:1.0625rem/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
table{border-collapse:collapse}th,td{border:1px solid #4a4a4a;padding:.25rem .5rem;text-align:left}
video{max-width:100%;height:auto}a{color:#0b4f9c}`;

export function recordHtml(r: SessionRecord): string {
  const zone = r.session.timeZone;
  // T8: no control, direction or invisible character from an older row reaches the page.
  const e = esc;
  const speakers = r.speakers
    .map(
      (s) =>
        `<tr><td>${s.order}</td><td>${e(s.name)}${s.voicedBy ? ` (voiced by ${e(s.voicedBy)})` : ''}</td><td>${s.kind === 'remark' ? 'Written remark' : 'Spoke'}</td>` +
        `<td>${e(s.topic)}</td><td>${clock(s.startedAt, zone)}</td><td>${s.endedAt ? clock(s.endedAt, zone) : ''}</td>` +
        `<td>${duration(s.durationSeconds)}</td></tr>`,
    )
    .join('\n');
  const remarks = r.remarks
    .map(
      (m) =>
        `<figure><blockquote><p>${e(m.text)}</p></blockquote><figcaption>${e(m.name)}, ${clock(m.at, zone)}</figcaption></figure>`,
    )
    .join('\n');
  const tracks = byLanguage(r.transcript);
  const transcript = tracks
    .map((track) => {
      const lines = track.lines
        .map(
          (l) =>
            `<p><time datetime="${e(l.at)}">${clock(l.at, zone)}</time> <b>${e(l.speaker)}:</b> ${e(l.text)}</p>`,
        )
        .join('\n');
      // Each language in an element that says so, so a screen reader reads it in its own voice;
      // the heading, in English, stays outside it.
      const heading = tracks.length > 1 ? `<h3>${e(track.name)} (${e(track.lang)})</h3>\n` : '';
      return `${heading}<div lang="${e(track.lang)}">\n${lines}\n</div>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Record: ${e(r.session.title)}</title>
<style>${RECORD_CSS}</style>
</head><body><main>
<h1>Record: ${e(r.session.title)}</h1>
<p>${e(when(r.session.startsAt, zone))} to ${e(when(r.session.endsAt, zone))} (${e(zone)})</p>
${periodWords(r.dates) ? `<p>${e(periodWords(r.dates)!)}</p>` : ''}
<p>Published ${e(when(r.publishedAt, zone))}.</p>
${r.session.focus ? `<p>Focus: ${e(r.session.focus)}</p>` : ''}
${r.session.description ? `<p>${e(r.session.description)}</p>` : ''}
<h2>Counts</h2>
${countsHtml(r.counts)}
<h2>Speakers</h2>
${r.speakers.length ? `<table><caption>Speakers in order</caption><thead><tr><th scope="col">#</th><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Topic</th><th scope="col">Start</th><th scope="col">End</th><th scope="col">Duration</th></tr></thead><tbody>\n${speakers}\n</tbody></table>` : '<p>Nobody took the floor.</p>'}
<h2>Written remarks</h2>
${remarks || '<p>None.</p>'}
<h2>Comments</h2>
${commentsHtml(r.comments, zone)}
<h2>Transcript</h2>
${transcript || '<p>No captions were written.</p>'}
</main></body></html>
`;
}
