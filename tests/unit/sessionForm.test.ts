import { describe, expect, it } from 'vitest';
import { dateMessage, orderedProblems, sessionProblems } from '../../client/src/admin/sessionChecks.js';
import { blankSession, toSessionBody } from '../../client/src/admin/sessionValues.js';
import { timeZoneGroups } from '../../client/src/admin/timeZones.js';

const WINTER = new Date('2031-01-15T12:00:00Z');
const SUMMER = new Date('2031-07-15T12:00:00Z');
const filled = {
  ...blankSession(),
  title: 'Union hall',
  timeZone: 'America/Denver',
  starts: '2031-03-04T10:00',
  ends: '2031-03-04T12:00',
};

describe("the organizer's session form", () => {
  it('lists every zone the runtime knows, by region, the place first with its offset at that moment', () => {
    const groups = timeZoneGroups('America/Denver', WINTER);
    const america = groups.find((g) => g.region === 'America')!.zones;
    expect(america).toContainEqual({ value: 'America/New_York', label: 'New York (UTC−05:00)' });
    expect(america).toContainEqual({
      value: 'America/Argentina/Rio_Gallegos',
      label: 'Argentina, Rio Gallegos (UTC−03:00)',
    });
    const summer = timeZoneGroups('America/Denver', SUMMER).find((g) => g.region === 'America')!.zones;
    expect(summer).toContainEqual({ value: 'America/New_York', label: 'New York (UTC−04:00)' });
    const listed = groups.flatMap((g) => g.zones.map((z) => z.value));
    expect(listed.length).toBe(new Set(listed).size);
    expect(listed).toEqual(expect.arrayContaining(Intl.supportedValuesOf('timeZone')));
    // UTC itself, which the runtime's list leaves out.
    expect(groups.find((g) => g.region === 'Other')?.zones).toEqual([
      { value: 'UTC', label: 'UTC (UTC+00:00)' },
    ]);
  });

  it("keeps a session's zone that the runtime does not list (an alias the server accepts)", () => {
    const groups = timeZoneGroups('US/Eastern', WINTER);
    expect(groups.find((g) => g.region === 'US')?.zones).toEqual([
      { value: 'US/Eastern', label: 'Eastern (UTC−05:00)' },
    ]);
  });

  it("reads the dates in the session's zone, not the browser's", () => {
    expect(toSessionBody(filled)).toMatchObject({
      startsAt: '2031-03-04T10:00:00.000-07:00',
      endsAt: '2031-03-04T12:00:00.000-07:00',
      timeZone: 'America/Denver',
    });
  });

  it('says what to type for an empty or half-typed date, and lists problems in the order of the form', () => {
    const problems = sessionProblems({ ...filled, title: '', starts: '', capacity: 'forty' });
    expect(Object.keys(problems)).toEqual(['title', 'starts', 'capacity']);
    expect(problems.starts).toBe(dateMessage('starts'));
    expect(problems.starts).toMatch(/^Enter the start as a date and time, like .*2026.*$/);
    expect(problems.capacity).toMatch(/whole number, like 40/);
    expect(sessionProblems(filled)).toEqual({});
  });

  it("maps the server's issues to the form's fields, the end after the start included", () => {
    const issues = [
      { path: 'endsAt', message: 'The end must come after the start.' },
      { path: 'offered.captionLanguages.1', message: 'Unknown language tag.' },
      { path: 'title', message: 'Title is required.' },
    ];
    expect(orderedProblems(issues, filled)).toEqual({
      title: 'Title is required.',
      ends: 'The end must come after the start.',
      captionLanguages: 'Unknown language tag.',
    });
    expect(Object.keys(orderedProblems(issues, filled))).toEqual(['title', 'ends', 'captionLanguages']);
  });
});
