import ICAL from 'ical.js';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { sessionCalendar } from '../../server/sessions/calendar.js';
import { neutralizeCell, toCsv } from '../../server/sessions/csv.js';

/** Reads the file as a calendar application would: the first VEVENT of the parsed VCALENDAR. */
function eventOf(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
}

const SESSION = {
  id: 'abc123',
  title: 'AI at work: listening session',
  description: 'How is AI changing your work?\nTell us; commas, too.',
  startsAt: '2026-12-01T15:00:00.000Z',
  endsAt: '2026-12-01T16:30:00.000Z',
};

describe('the calendar file', () => {
  it('parses with ical.js: title, UTC times, the join link as URL and in the description', () => {
    const text = sessionCalendar(SESSION, 'http://localhost:3000/join/tok');
    const event = eventOf(text);
    expect(event.summary).toBe(SESSION.title);
    expect(event.uid).toBe('abc123@openfloor');
    expect(event.startDate.toJSDate().toISOString()).toBe(SESSION.startsAt);
    expect(event.endDate.toJSDate().toISOString()).toBe(SESSION.endsAt);
    expect(event.description).toContain('Join: http://localhost:3000/join/tok');
    expect(event.description).toContain('Tell us; commas, too.');
    expect(event.component.getFirstPropertyValue('url')).toBe('http://localhost:3000/join/tok');
  });

  it('says so when there is no link yet (waitlist)', () => {
    const text = sessionCalendar(SESSION, null);
    const event = eventOf(text);
    expect(event.description).toContain('waitlist');
    expect(event.component.getFirstPropertyValue('url')).toBeNull();
  });
});

describe('the CSV export', () => {
  it.each(['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'neutralizes a formula: %j',
    (cell) => {
      expect(neutralizeCell(cell)).toBe(`'${cell}`);
    },
  );

  it('leaves ordinary text alone and round-trips through a CSV parser', () => {
    const csv = toCsv(['name', 'topic', 'speak'], [['Ana "A" Ruiz', 'pay, hours\nand =cmd', true]]);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parse(csv)).toEqual([
      ['name', 'topic', 'speak'],
      ['Ana "A" Ruiz', 'pay, hours\nand =cmd', 'yes'],
    ]);
    expect(parse(toCsv(['x'], [['=1+1']]))).toEqual([['x'], ["'=1+1"]]);
  });

  it.each([
    ['a line feed', 'Ana\n=1+1', "Ana\n'=1+1"],
    ['a carriage return', 'Ana\r@SUM(A1)', "Ana\r'@SUM(A1)"],
    ['CR LF', 'Ana\r\n-2+3', "Ana\r\n'-2+3"],
    ['a direction override (T8)', 'Ana\u202eziuR', 'AnaziuR'],
  ])('quotes a cell with %s and neutralizes each of its lines', (_what, cell, expected) => {
    const csv = toCsv(['x'], [[cell]]);
    expect(csv.split('\r\n')[1]!.startsWith('"') || !/[\r\n]/.test(cell)).toBe(true);
    expect(parse(csv, { record_delimiter: ['\r\n', '\n', '\r'] })).toEqual([['x'], [expected]]);
  });
});
