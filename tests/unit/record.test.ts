import { describe, expect, it } from 'vitest';
import { buildRecord, recordHtml, recordMarkdown } from '../../server/sessions/record.js';

const record = buildRecord({
  session: {
    id: 's1',
    title: 'AI & <work>',
    description: '',
    focus: 'Hiring',
    startsAt: '2026-12-01T15:00:00.000Z',
    endsAt: '2026-12-01T16:00:00.000Z',
    timeZone: 'America/New_York',
  },
  turns: [
    {
      name: 'Sam <script>alert(1)</script>',
      kind: 'speak',
      topic: '*pay*',
      remark: null,
      startedAt: '2026-12-01T15:05:00.000Z',
      endedAt: '2026-12-01T15:08:30.000Z',
    },
    {
      name: 'Ana',
      kind: 'remark',
      topic: null,
      remark: 'Publish [the](javascript:x) slides',
      startedAt: '2026-12-01T15:10:00.000Z',
      endedAt: '2026-12-01T15:11:00.000Z',
    },
  ],
  transcript: [
    {
      seq: 1,
      lang: 'en-US',
      speaker: 'Sam <b>',
      text: 'Hello <img src=x onerror=alert(1)>',
      startedAt: '2026-12-01T15:05:02.000Z',
      at: '2026-12-01T15:05:05.000Z',
    },
  ],
  publishedAt: '2026-12-01T17:00:00.000Z',
});

describe('the published record', () => {
  it('lists speakers in order with start, end and duration, and the written remarks', () => {
    expect(record.speakers.map((s) => [s.order, s.kind, s.durationSeconds])).toEqual([
      [1, 'speak', 210],
      [2, 'remark', 60],
    ]);
    expect(record.remarks).toEqual([
      { name: 'Ana', text: 'Publish [the](javascript:x) slides', at: '2026-12-01T15:10:00.000Z' },
    ]);
  });

  it('never renders names or text as HTML', () => {
    const html = recordHtml(record);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('Sam &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<td>10:05:00</td><td>10:08:30</td><td>3 min 30 s</td>');
  });

  it('escapes Markdown so text cannot become links or emphasis', () => {
    const text = recordMarkdown(record);
    expect(text).toContain('Publish \\[the\\]\\(javascript:x\\) slides');
    expect(text).toContain('\\*pay\\*');
    expect(text).toContain('10:05:00 to 10:08:30, 3 min 30 s');
  });
});
