import type { CaptionLine } from '../../shared/captions.js';
import { oneLine } from '../../shared/text.js';

export const TRANSCRIPT_FORMATS = ['txt', 'vtt', 'srt'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

export const TRANSCRIPT_MEDIA_TYPES: Record<TranscriptFormat, string> = {
  txt: 'text/plain; charset=utf-8',
  vtt: 'text/vtt; charset=utf-8',
  srt: 'application/x-subrip; charset=utf-8',
};

// A cue shorter than this would flash by; a console line committed at once still gets a readable cue.
const MIN_CUE_MS = 1000;

interface Cue {
  index: number;
  startMs: number;
  endMs: number;
  speaker: string;
  text: string;
  /** When the line was last corrected (C19), from the session's start; null if it never was. */
  correctedMs: number | null;
}

/** Cues timed from the session's start; captions written before the start begin at zero. */
function toCues(lines: CaptionLine[], sessionStartMs: number): Cue[] {
  return lines.map((line, i) => {
    const startMs = Math.max(0, Date.parse(line.startedAt) - sessionStartMs);
    const endMs = Math.max(startMs + MIN_CUE_MS, Date.parse(line.at) - sessionStartMs);
    const correctedMs = line.correctedAt ? Math.max(0, Date.parse(line.correctedAt) - sessionStartMs) : null;
    return { index: i + 1, startMs, endMs, speaker: line.speaker, text: line.text, correctedMs };
  });
}

function clock(ms: number, decimal: '.' | ','): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${pad(h)}:${pad(m)}:${pad(s)}${decimal}${pad(ms % 1000, 3)}`;
}

// WebVTT cue text: &, < and > are escaped; in a voice annotation, > would end the tag.
const vttEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// T8: whatever is stored (older rows predate the text rules), a speaker or a text is one line with
// no control, direction or invisible character, so it cannot end a cue, start a new one or forge a
// timestamp line; and it never holds "-->", the timing arrow of WebVTT and SRT.
const cueText = (s: string) => oneLine(s).replace(/-->/g, '->');

/**
 * The transcript in one of the download formats: every line as last corrected (C19), and when, in
 * the text and WebVTT formats (SRT has no place for it). Lines taken back (C17) are not given.
 */
export function formatTranscript(
  format: TranscriptFormat,
  lines: CaptionLine[],
  sessionStartMs: number,
): string {
  const cues = toCues(lines, sessionStartMs);
  switch (format) {
    case 'txt':
      return cues
        .map(
          (c) =>
            `[${clock(c.startMs, '.').slice(0, 8)}] ${cueText(c.speaker)}: ${cueText(c.text)}` +
            `${c.correctedMs === null ? '' : ` (corrected at ${clock(c.correctedMs, '.').slice(0, 8)})`}\n`,
        )
        .join('');
    case 'vtt':
      return (
        'WEBVTT\n\n' +
        cues
          .map(
            (c) =>
              (c.correctedMs === null ? '' : `NOTE corrected at ${clock(c.correctedMs, '.')}\n\n`) +
              `${c.index}\n${clock(c.startMs, '.')} --> ${clock(c.endMs, '.')}\n` +
              `<v ${vttEscape(cueText(c.speaker))}>${vttEscape(cueText(c.text))}\n`,
          )
          .join('\n')
      );
    case 'srt':
      return cues
        .map(
          (c) =>
            `${c.index}\n${clock(c.startMs, ',')} --> ${clock(c.endMs, ',')}\n` +
            `${cueText(c.speaker)}: ${cueText(c.text)}\n`,
        )
        .join('\n');
    default: {
      const unreachable: never = format;
      return unreachable;
    }
  }
}
