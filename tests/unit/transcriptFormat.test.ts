import fc from 'fast-check';
import { parseSync } from 'subtitle';
import { WebVTTParser } from 'webvtt-parser';
import { describe, expect, it } from 'vitest';
import { formatTranscript } from '../../server/captions/transcript.js';
import type { CaptionLine } from '../../shared/captions.js';

const START = Date.parse('2026-11-23T15:00:00Z');
// Characters that have tried to break transcripts: line breaks of every kind, controls, arrows,
// markup, direction overrides, zero-width characters, digits and colons of a timestamp.
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\n', '\r', '\u2028', '\u0085', '\u000b', '\u0000', '\u001b', '\u007f', '\u009b'),
    fc.constantFrom(
      '-->',
      '<v x>',
      '&amp;',
      '<',
      '>',
      '&',
      '\u202e',
      '\u2066',
      '\u200b',
      '\ufeff',
      ' ',
      '\t',
    ),
    fc.constantFrom('00:00:01.000', '00:00:02,000', '1', ':', 'NOTE', 'WEBVTT', '[00:00:09]'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});
const captionLines = fc.array(fc.record({ speaker: hostile, text: hostile }), { minLength: 1, maxLength: 5 });
const toLines = (items: { speaker: string; text: string }[]): CaptionLine[] =>
  items.map((item, i) => ({
    seq: i + 1,
    lang: 'en-US',
    ...item,
    startedAt: new Date(START + i * 5000).toISOString(),
    at: new Date(START + i * 5000 + 2000).toISOString(),
  }));
const CONTROL_OR_INVISIBLE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b\ufeff]/u;

describe('T8 transcripts, whatever is stored', () => {
  it('txt: exactly one line per caption line, each with its timestamp', () => {
    fc.assert(
      fc.property(captionLines, (items) => {
        const out = formatTranscript('txt', toLines(items), START).split('\n');
        expect(out.pop()).toBe('');
        expect(out).toHaveLength(items.length);
        out.forEach((line, i) =>
          expect(line.startsWith(`[00:00:${String(i * 5).padStart(2, '0')}] `)).toBe(true),
        );
        expect(out.join('')).not.toMatch(CONTROL_OR_INVISIBLE);
      }),
      { numRuns: 500 },
    );
  });

  it('WebVTT: the reference parser finds exactly the cues stored, without errors', () => {
    fc.assert(
      fc.property(captionLines, (items) => {
        const vtt = formatTranscript('vtt', toLines(items), START);
        const { cues, errors } = new WebVTTParser().parse(vtt, 'metadata');
        expect(errors).toEqual([]);
        expect(cues.map((c) => c.startTime)).toEqual(items.map((_, i) => i * 5));
        expect(vtt.replace(/\n/g, '')).not.toMatch(CONTROL_OR_INVISIBLE);
      }),
      { numRuns: 500 },
    );
  });

  it('SRT: a standard parser finds exactly the cues stored', () => {
    fc.assert(
      fc.property(captionLines, (items) => {
        const srt = formatTranscript('srt', toLines(items), START);
        const cues = parseSync(srt).filter((n) => n.type === 'cue');
        expect(cues.map((c) => (c.data as { start: number }).start)).toEqual(items.map((_, i) => i * 5000));
        expect(srt.replace(/\n/g, '')).not.toMatch(CONTROL_OR_INVISIBLE);
      }),
      { numRuns: 500 },
    );
  });
});
