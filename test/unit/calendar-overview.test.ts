import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import { parseCalendarFile, withCustomCalendar } from '#domain/calendar-file.ts';
import { calendarOverview } from '#domain/calendar-overview.ts';

const shanghai = chinaStatutoryCalendar('Asia/Shanghai');
const fixture2027 = parseCalendarFile(readFileSync(new URL('../fixtures/calendar-2027.json', import.meta.url), 'utf8'), 'cn-2027.json');

describe('Function: calendarOverview', () => {
  it('says 2027 is missing in November 2026 and that deadlines after 2026-12-31 are provisional', () => {
    const overview = calendarOverview(shanghai, [], new Date('2026-11-15T10:00:00+08:00'));

    expect(overview).toMatchObject({
      timeZone: 'Asia/Shanghai',
      nextYearMissing: true,
      provisionalFrom: '2026-12-31',
    });
    expect(overview.coveredYears).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(overview.years.map((y) => y.source).every((s) => s === 'statutory')).toBe(true);
  });

  it('lists National Day 2026 (10-01..07) and its make-up working days Sun 09-20 and Sat 10-10 with both names', () => {
    const year2026 = calendarOverview(shanghai, [], new Date('2026-11-15T10:00:00+08:00')).years.find((y) => y.year === 2026)!;

    expect(year2026.holidays).toHaveLength(33);
    expect(year2026.holidays.filter((d) => d.name === 'National Day').map((d) => d.date)).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
    expect(year2026.holidays[0]).toEqual({ date: '2026-01-01', name: "New Year's Day", nameZh: '元旦' });
    expect(year2026.makeUpWorkingDays).toEqual([
      { date: '2026-01-04', name: "New Year's Day make-up working day", nameZh: '元旦调休上班' },
      { date: '2026-02-14', name: 'Spring Festival make-up working day', nameZh: '春节调休上班' },
      { date: '2026-02-28', name: 'Spring Festival make-up working day', nameZh: '春节调休上班' },
      { date: '2026-05-09', name: 'Labour Day make-up working day', nameZh: '劳动节调休上班' },
      { date: '2026-09-20', name: 'National Day make-up working day', nameZh: '国庆节调休上班' },
      { date: '2026-10-10', name: 'National Day make-up working day', nameZh: '国庆节调休上班' },
    ]);
  });

  it('marks a year the desk loaded as loaded and moves the provisional line to its end', () => {
    const calendar = withCustomCalendar(shanghai, fixture2027);

    const overview = calendarOverview(calendar, fixture2027.coveredYears, new Date('2026-11-15T10:00:00+08:00'));

    expect(overview).toMatchObject({ nextYearMissing: false, provisionalFrom: '2027-12-31' });
    const year2027 = overview.years.at(-1)!;
    expect(year2027).toMatchObject({ year: 2027, source: 'loaded' });
    expect(year2027.holidays).toHaveLength(29);
    expect(year2027.makeUpWorkingDays.map((d) => d.date)).toEqual(['2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09']);
  });

  it('takes the current year in the desk time zone: 2026-12-31 16:30 UTC is already 2027 in Shanghai', () => {
    const overview = calendarOverview(shanghai, [], new Date('2026-12-31T16:30:00Z'));

    expect(overview).toMatchObject({ nextYearMissing: true, provisionalFrom: '2026-12-31' });
  });

  it('keeps a statutory year statutory when only company days were loaded on it', () => {
    const calendar = shanghai.withEntries([{ date: '2026-12-24', kind: 'holiday', name: 'Company closure' }]);

    const year2026 = calendarOverview(calendar, [], new Date('2026-11-15T10:00:00+08:00')).years.find((y) => y.year === 2026)!;

    expect(year2026.source).toBe('statutory');
    expect(year2026.holidays.at(-1)).toEqual({ date: '2026-12-24', name: 'Company closure' });
  });
});
