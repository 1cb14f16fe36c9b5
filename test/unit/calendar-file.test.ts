import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import {
  CalendarFileError,
  parseCalendarFile,
  parseCalendarIcs,
  parseCalendarJson,
  withCustomCalendar,
} from '#domain/calendar-file.ts';
import { computeDeadlines } from '#domain/deadlines.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const chineseDaysDist = dirname(createRequire(import.meta.url).resolve('chinese-days/dist/chinese-days.json'));
const chineseDaysIcs = (name: string) => readFileSync(join(chineseDaysDist, name), 'utf8');

/** A minimal iCalendar document around the given lines, CRLF as RFC 5545 asks. */
const ics = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR', ''].join('\r\n');
const kinds = (entries: { date: string; kind: string }[]) => entries.map(({ date, kind }) => `${date} ${kind}`);

describe('Function: parseCalendarJson', () => {
  it('reads the 2027 fixture: covered 2027, Spring Festival 02-06..02-14 off, make-up Sat 02-20 on', () => {
    const calendar = parseCalendarJson(fixture('calendar-2027.json'), 'calendar-2027.json');

    expect(calendar.coveredYears).toEqual([2027]);
    expect(calendar.source).toBe('calendar-2027.json');
    expect(calendar.entries).toContainEqual({
      date: '2027-02-06',
      kind: 'holiday',
      name: 'Spring Festival',
      nameZh: '春节',
    });
    expect(calendar.entries.filter((e) => e.kind === 'working').map((e) => e.date)).toEqual([
      '2027-02-20',
      '2027-05-08',
      '2027-09-26',
      '2027-10-09',
    ]);
  });

  it('covers nothing new with company days only', () => {
    const calendar = parseCalendarJson(fixture('company-closure.json'));

    expect(calendar.coveredYears).toEqual([]);
    expect(kinds(calendar.entries)).toEqual(['2026-06-13 working', '2026-12-31 holiday']);
  });

  it('accepts the same date twice with the same kind', () => {
    const text = JSON.stringify({
      entries: [
        { date: '2026-12-31', kind: 'holiday', name: 'Closure' },
        { date: '2026-12-31', kind: 'holiday', name: 'Closure again' },
      ],
    });

    expect(parseCalendarJson(text).entries).toHaveLength(1);
  });

  it.each([
    {
      rule: 'not JSON, with the line',
      text: '{\n  "entries": [\n    { "date": "2027-01-01", }\n  ]\n}',
      error: /not valid JSON.*line 3/,
    },
    {
      rule: 'an impossible date, with the field',
      text: '{"entries":[{"date":"2027-02-30","kind":"holiday","name":"x"}]}',
      error: /entries\[0\]\.date: expected a real calendar date as YYYY-MM-DD, got "2027-02-30"/,
    },
    {
      rule: 'an unknown kind',
      text: '{"entries":[{"date":"2027-02-06","kind":"off","name":"x"}]}',
      error: /entries\[0\]\.kind: expected "holiday" or "working"/,
    },
    {
      rule: 'an empty name',
      text: '{"entries":[{"date":"2027-02-06","kind":"holiday","name":"  "}]}',
      error: /entries\[0\]\.name: must not be empty/,
    },
    {
      rule: 'a name over 100 characters',
      text: JSON.stringify({ entries: [{ date: '2027-02-06', kind: 'holiday', name: 'x'.repeat(101) }] }),
      error: /entries\[0\]\.name: must be at most 100 characters/,
    },
    {
      rule: 'a misspelt field',
      text: '{"entries":[{"date":"2027-02-06","knd":"holiday","name":"x"}]}',
      error: /entries\[0\]\.kind: is required; entries\[0\]: Unrecognized key: "knd"/,
    },
    {
      rule: 'a date listed as both holiday and working',
      text: JSON.stringify({
        entries: [
          { date: '2027-02-06', kind: 'holiday', name: 'a' },
          { date: '2027-02-06', kind: 'working', name: 'b' },
        ],
      }),
      error: /entries\[1\]: 2027-02-06 is listed as working but entries\[0\] lists it as holiday/,
    },
    {
      rule: 'a covered year without its schedule',
      text: JSON.stringify({
        coveredYears: [2027, 2028],
        entries: [{ date: '2027-02-06', kind: 'holiday', name: 'a' }],
      }),
      error: /coveredYears\[1\]: 2028 is declared covered but no entry falls in it/,
    },
    { rule: 'a top-level array', text: '[]', error: /expected a JSON object/ },
    {
      rule: 'no entries',
      text: '{"coveredYears":[],"entries":[]}',
      error: /entries: a calendar file needs at least one entry/,
    },
  ])('rejects $rule', ({ text, error }) => {
    expect(() => parseCalendarJson(text, 'mine.json')).toThrow(CalendarFileError);
    expect(() => parseCalendarJson(text, 'mine.json')).toThrow(/^mine\.json: /);
    expect(() => parseCalendarJson(text, 'mine.json')).toThrow(error);
  });
});

describe('Function: parseCalendarIcs', () => {
  it('reads the 2027 fixture to the same days as the JSON one', () => {
    const fromIcs = parseCalendarIcs(fixture('calendar-2027.ics'), 'calendar-2027.ics');
    const fromJson = parseCalendarJson(fixture('calendar-2027.json'));

    expect(fromIcs.coveredYears).toEqual([2027]);
    expect(kinds(fromIcs.entries)).toEqual(kinds(fromJson.entries));
  });

  it('unfolds folded lines and unescapes \\, \\; and \\n in SUMMARY', () => {
    const calendar = parseCalendarIcs(
      ics(
        'BEGIN:VEVENT',
        'DTSTART;VALUE=DATE:20270206',
        'SUMMARY:Spring Festival 春节\\, Lunar New Year (fixture\\; not the offic',
        ' ial notice)\\nsecond line',
        'END:VEVENT',
      ),
    );

    expect(calendar.entries).toEqual([
      {
        date: '2027-02-06',
        kind: 'holiday',
        name: 'Spring Festival 春节, Lunar New Year (fixture; not the official notice) second line',
      },
    ]);
  });

  it('expands a multi-day event up to its exclusive DTEND', () => {
    const calendar = parseCalendarIcs(
      ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270206', 'DTEND;VALUE=DATE:20270209', 'SUMMARY:Closure', 'END:VEVENT'),
    );

    expect(kinds(calendar.entries)).toEqual(['2027-02-06 holiday', '2027-02-07 holiday', '2027-02-08 holiday']);
  });

  it.each([
    { how: 'X-CLOSELOOP-KIND', lines: ['X-CLOSELOOP-KIND:working', 'SUMMARY:Stock-take'], kind: 'working' },
    { how: 'X-CLOSELOOP-KIND over a SUMMARY', lines: ['X-CLOSELOOP-KIND:holiday', 'SUMMARY:上班?'], kind: 'holiday' },
    { how: 'CATEGORIES', lines: ['CATEGORIES:Company,Workday', 'SUMMARY:Stock-take'], kind: 'working' },
    { how: 'CATEGORIES 补班', lines: ['CATEGORIES:补班', 'SUMMARY:x'], kind: 'working' },
    { how: 'SUMMARY 调休上班', lines: ['SUMMARY:春节调休上班'], kind: 'working' },
    { how: 'SUMMARY make-up', lines: ['SUMMARY:Spring Festival make-up day'], kind: 'working' },
    { how: 'SUMMARY (班), as chinese-days writes it', lines: ['SUMMARY:春节(班)'], kind: 'working' },
    { how: 'SUMMARY non-working', lines: ['SUMMARY:Company non-working day'], kind: 'holiday' },
    { how: 'nothing: a holiday', lines: ['SUMMARY:春节(休)'], kind: 'holiday' },
    { how: 'X-APPLE-SPECIAL-DAY', lines: ['X-APPLE-SPECIAL-DAY:ALTERNATE-WORKDAY', 'SUMMARY:x'], kind: 'working' },
  ])('takes the kind from $how', ({ lines, kind }) => {
    const calendar = parseCalendarIcs(ics('BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270220', ...lines, 'END:VEVENT'));

    expect(calendar.entries[0]?.kind).toBe(kind);
  });

  it('ignores the properties of a VALARM inside an event and skips a cancelled event', () => {
    const calendar = parseCalendarIcs(
      ics(
        'BEGIN:VEVENT',
        'DTSTART;VALUE=DATE:20270206',
        'SUMMARY:Closure',
        'BEGIN:VALARM',
        'SUMMARY:working reminder',
        'END:VALARM',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'DTSTART;VALUE=DATE:20270207',
        'STATUS:CANCELLED',
        'END:VEVENT',
      ),
    );

    expect(calendar.entries).toEqual([{ date: '2027-02-06', kind: 'holiday', name: 'Closure' }]);
  });

  it.each([
    {
      rule: 'a timed DTSTART',
      lines: ['BEGIN:VEVENT', 'DTSTART:20270206T090000Z', 'END:VEVENT'],
      error: /line 4: DTSTART must be an all-day date/,
    },
    {
      rule: 'an impossible date',
      lines: ['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270230', 'END:VEVENT'],
      error: /line 4: DTSTART 20270230 is not a real calendar date/,
    },
    {
      rule: 'a DTEND not after DTSTART',
      lines: ['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270206', 'DTEND;VALUE=DATE:20270206', 'END:VEVENT'],
      error: /line 5: DTEND 2027-02-06 must be after DTSTART 2027-02-06/,
    },
    {
      rule: 'an event without DTSTART',
      lines: ['BEGIN:VEVENT', 'SUMMARY:x', 'END:VEVENT'],
      error: /line 3: VEVENT has no DTSTART/,
    },
    {
      rule: 'an unknown X-CLOSELOOP-KIND',
      lines: ['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270206', 'X-CLOSELOOP-KIND:off', 'END:VEVENT'],
      error: /line 5: X-CLOSELOOP-KIND must be holiday or working/,
    },
    {
      rule: 'a recurring event',
      lines: ['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270206', 'RRULE:FREQ=YEARLY', 'END:VEVENT'],
      error: /line 3: recurring events/,
    },
    {
      rule: 'conflicting kinds on one date',
      lines: [
        'BEGIN:VEVENT',
        'DTSTART;VALUE=DATE:20270206',
        'SUMMARY:Closure',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'DTSTART;VALUE=DATE:20270206',
        'SUMMARY:补班',
        'END:VEVENT',
      ],
      error:
        /line 7 \(VEVENT\) "补班": 2027-02-06 is listed as working but line 3 \(VEVENT\) "Closure" lists it as holiday/,
    },
    {
      rule: 'a covered year without its schedule',
      lines: ['X-CLOSELOOP-COVERED-YEARS:2027,2028', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270206', 'END:VEVENT'],
      error: /line 3 \(X-CLOSELOOP-COVERED-YEARS\): 2028 is declared covered/,
    },
    {
      rule: 'a malformed covered year',
      lines: ['X-CLOSELOOP-COVERED-YEARS:27', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270206', 'END:VEVENT'],
      error: /line 3: X-CLOSELOOP-COVERED-YEARS: "27" is not a year/,
    },
    {
      rule: 'an unclosed event',
      lines: ['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270206'],
      error: /line \d+: END:VCALENDAR does not close BEGIN:VEVENT/,
    },
    {
      rule: 'a line without a colon',
      lines: ['BEGIN:VEVENT', 'SUMMARY', 'END:VEVENT'],
      error: /line 4: expected NAME:value/,
    },
  ])('rejects $rule, naming the line', ({ lines, error }) => {
    expect(() => parseCalendarIcs(ics(...lines), 'mine.ics')).toThrow(CalendarFileError);
    expect(() => parseCalendarIcs(ics(...lines), 'mine.ics')).toThrow(/^mine\.ics: /);
    expect(() => parseCalendarIcs(ics(...lines), 'mine.ics')).toThrow(error);
  });

  it('rejects a file that is not iCalendar at all', () => {
    expect(() => parseCalendarIcs('hello', 'mine.ics')).toThrow(/mine\.ics: line 1: expected NAME:value/);
    expect(() => parseCalendarIcs('', 'mine.ics')).toThrow(/no BEGIN:VCALENDAR/);
  });

  it('reads chinese-days 2026.ics: covers nothing new, and its make-up days are working', () => {
    const calendar = parseCalendarIcs(chineseDaysIcs('years/2026.ics'), '2026.ics');

    expect(calendar.coveredYears).toEqual([]);
    expect(calendar.entries.filter((e) => e.kind === 'working')).toEqual([
      { date: '2026-01-04', kind: 'working', name: '元旦(班)' },
      { date: '2026-02-14', kind: 'working', name: '春节(班)' },
      { date: '2026-02-28', kind: 'working', name: '春节(班)' },
      { date: '2026-05-09', kind: 'working', name: '劳动节(班)' },
      { date: '2026-09-20', kind: 'working', name: '国庆节(班)' },
      { date: '2026-10-10', kind: 'working', name: '国庆节(班)' },
    ]);
    expect(calendar.entries.filter((e) => e.kind === 'holiday')).toHaveLength(33);
  });

  it('reads the make-up days of chinese-days 2026 as working from the SUMMARY alone too (no Apple marker)', () => {
    for (const file of ['years/2026.ics', 'years/2026.en.ics']) {
      const text = chineseDaysIcs(file).replace(/^X-APPLE-SPECIAL-DAY:.*\r?\n/gm, '');

      const working = parseCalendarIcs(text, file).entries.filter((e) => e.kind === 'working');

      expect(working.map((e) => e.date)).toEqual([
        '2026-01-04',
        '2026-02-14',
        '2026-02-28',
        '2026-05-09',
        '2026-09-20',
        '2026-10-10',
      ]);
    }
  });

  it('agrees with chinese-days.json day by day for every year file it ships', () => {
    const files = readdirSync(join(chineseDaysDist, 'years')).filter((f) => f.endsWith('.ics'));
    expect(files.length).toBeGreaterThan(20);

    for (const file of files) {
      const year = file.slice(0, 4);
      const expected = [
        ...Object.keys(chineseDays.holidays)
          .filter((d) => d.startsWith(year))
          .map((d) => `${d} holiday`),
        ...Object.keys(chineseDays.workdays)
          .filter((d) => d.startsWith(year))
          .map((d) => `${d} working`),
      ].sort();

      expect([file, kinds(parseCalendarIcs(chineseDaysIcs(`years/${file}`), file).entries)]).toEqual([file, expected]);
    }
  });
});

describe('Function: parseCalendarFile', () => {
  it('chooses the parser by extension', () => {
    expect(parseCalendarFile(fixture('calendar-2027.ics'), 'dir/calendar-2027.ICS').coveredYears).toEqual([2027]);
    expect(parseCalendarFile(fixture('calendar-2027.json'), 'calendar-2027.json').coveredYears).toEqual([2027]);
  });

  it('rejects another extension', () => {
    expect(() => parseCalendarFile('{}', 'calendar.yaml')).toThrow(/calendar\.yaml: unsupported calendar file type/);
  });
});

describe('Function: withCustomCalendar', () => {
  const statutory = chinaStatutoryCalendar('Asia/Shanghai');

  it('makes 2027 covered: Mon 2026-12-28 is due Thu 2027-01-07 after the fixture New Year 01-01..03', () => {
    // 12-29, 30, 31 = 1..3; 2027-01-01..03 off; Mon 01-04..Thu 01-07 = 4..7.
    const calendar = withCustomCalendar(statutory, parseCalendarJson(fixture('calendar-2027.json')));

    expect(calendar.covers(2027)).toBe(true);
    expect(calendar.dayKind('2027-02-08')).toBe('holiday');
    expect(calendar.dayKind('2027-02-20')).toBe('makeup_working');
    expect(computeDeadlines(new Date('2026-12-28T10:00:00+08:00'), calendar).resolutionDueAt.toISOString()).toBe(
      '2027-01-07T15:59:59.999Z',
    );
  });

  it('makes a company closure a holiday and a company Saturday a working day, without covering a year', () => {
    const calendar = withCustomCalendar(statutory, parseCalendarIcs(fixture('company-closure.ics')));

    expect(statutory.dayKind('2026-12-31')).toBe('working');
    expect(calendar.dayKind('2026-12-31')).toBe('holiday');
    expect(calendar.holidayName('2026-12-31')).toBe('Year-end company closure (non-working)');
    expect(calendar.dayKind('2026-06-13')).toBe('makeup_working');
    expect(calendar.coveredYears).toEqual(statutory.coveredYears);
  });
});
