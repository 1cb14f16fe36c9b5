import { describe, it, expect } from 'vitest';
import {
  BusinessCalendar,
  CalendarYearMissingError,
  chinaStatutoryCalendar,
  type DayKind,
  type LocalDate,
} from '#domain/business-calendar.ts';

/**
 * Typed by hand, independently of chinese-days, from the State Council
 * notices 国务院办公厅关于2025年部分节假日安排的通知 (November 2024) and
 * 国务院办公厅关于2026年部分节假日安排的通知 (November 2025).
 */
interface OfficialYear {
  holidays: Array<{ name: string; from: LocalDate; to: LocalDate }>;
  makeupWorkingDays: LocalDate[];
}

const official: Record<2025 | 2026, OfficialYear> = {
  2025: {
    holidays: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    // Sun 01-26, Sat 02-08, Sun 04-27, Sun 09-28, Sat 10-11
    makeupWorkingDays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    holidays: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    // Sun 01-04, Sat 02-14, Sat 02-28, Sat 05-09, Sun 09-20, Sat 10-10
    makeupWorkingDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

function daysOfYear(year: number): LocalDate[] {
  const days: LocalDate[] = [];
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

function officialKind(date: LocalDate, year: OfficialYear): DayKind {
  if (year.holidays.some(({ from, to }) => from <= date && date <= to)) return 'holiday';
  if (year.makeupWorkingDays.includes(date)) return 'makeup_working';
  const dayOfWeek = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dayOfWeek === 0 || dayOfWeek === 6 ? 'weekend' : 'working';
}

describe('Class: BusinessCalendar', () => {
  const shanghai = chinaStatutoryCalendar();

  describe('Function: chinaStatutoryCalendar', () => {
    it.each([2025, 2026] as const)('matches the State Council notice for every day of %i', (year) => {
      const days = daysOfYear(year);
      const mismatches = days
        .map((date) => ({ date, expected: officialKind(date, official[year]), actual: shanghai.dayKind(date) }))
        .filter(({ expected, actual }) => expected !== actual);

      expect(days).toHaveLength(365);
      expect(mismatches).toEqual([]);
    });

    it('has 248 working days in 2025 and in 2026', () => {
      const workingDays = (year: number) => daysOfYear(year).filter((date) => shanghai.isWorkingDay(date)).length;

      // 2025: 365 - 104 weekend days - 18 weekday holidays + 5 make-up days
      expect(workingDays(2025)).toBe(248);
      // 2026: 365 - 104 weekend days - 19 weekday holidays + 6 make-up days
      expect(workingDays(2026)).toBe(248);
    });

    it('covers exactly the years that have a notice in the data: 2004 to 2026', () => {
      expect(shanghai.covers(2004)).toBe(true);
      expect(shanghai.covers(2026)).toBe(true);
      expect(shanghai.covers(2003)).toBe(false);
      expect(shanghai.covers(2027)).toBe(false);
    });

    it('names holidays, in English with the Chinese name alongside', () => {
      expect(shanghai.holidayName('2025-01-29')).toBe('Spring Festival');
      expect(shanghai.entry('2025-01-29')?.nameZh).toBe('春节');
      expect(shanghai.holidayName('2025-01-27')).toBeUndefined();
      expect(shanghai.holidayName('2026-02-14')).toBeUndefined();
      expect(shanghai.entry('2026-02-14')).toMatchObject({ kind: 'working', nameZh: '春节调休上班' });
    });
  });

  describe('Method: dayKind', () => {
    it.each<[LocalDate, DayKind]>([
      ['2025-01-24', 'working'], // Friday
      ['2025-01-25', 'weekend'], // Saturday
      ['2025-01-26', 'makeup_working'], // Sunday worked for Spring Festival
      ['2025-02-01', 'holiday'], // Saturday inside Spring Festival
      ['2025-10-08', 'holiday'], // Wednesday, last day of National Day
    ])('%s is %s', (date, kind) => {
      expect(shanghai.dayKind(date)).toBe(kind);
    });

    it('throws CalendarYearMissingError for 2027, which no notice covers yet', () => {
      const attempt = () => shanghai.dayKind('2027-01-04');

      expect(attempt).toThrow(CalendarYearMissingError);
      expect(attempt).toThrow(/2027.*State Council/);
      try {
        attempt();
      } catch (error) {
        expect(error).toMatchObject({ name: 'CalendarYearMissingError', year: 2027 });
      }
    });

    it('never treats a missing year as weekends-only: isWorkingDay and holidayName throw too', () => {
      expect(() => shanghai.isWorkingDay('2027-03-01')).toThrow(CalendarYearMissingError);
      expect(() => shanghai.holidayName('2027-01-01')).toThrow(CalendarYearMissingError);
    });

    it('rejects dates that are not real YYYY-MM-DD dates', () => {
      expect(() => shanghai.dayKind('2025-02-29')).toThrow(RangeError);
      expect(() => shanghai.dayKind('2025-1-5')).toThrow(RangeError);
    });
  });

  describe('Method: nthWorkingDayAfter', () => {
    it('skips Spring Festival 2025 and counts both make-up days: 7th after Fri 01-24 is Mon 02-10', () => {
      expect(shanghai.nthWorkingDayAfter('2025-01-24', 1)).toBe('2025-01-26');
      expect(shanghai.nthWorkingDayAfter('2025-01-24', 3)).toBe('2025-02-05');
      expect(shanghai.nthWorkingDayAfter('2025-01-24', 7)).toBe('2025-02-10');
    });

    it('throws when the count runs into 2027: the 4th working day after Mon 2026-12-28', () => {
      expect(shanghai.nthWorkingDayAfter('2026-12-28', 3)).toBe('2026-12-31');
      expect(() => shanghai.nthWorkingDayAfter('2026-12-28', 4)).toThrow(
        expect.objectContaining({ name: 'CalendarYearMissingError', year: 2027 }),
      );
    });

    it('rejects a count that is not a positive integer', () => {
      expect(() => shanghai.nthWorkingDayAfter('2025-01-24', 0)).toThrow(RangeError);
      expect(() => shanghai.nthWorkingDayAfter('2025-01-24', 1.5)).toThrow(RangeError);
    });
  });

  describe('Method: workingDaysBetween', () => {
    it('counts working days in (from, to]: 7 from Fri 2025-01-24 to Mon 2025-02-10', () => {
      expect(shanghai.workingDaysBetween('2025-01-24', '2025-02-10')).toBe(7);
      expect(shanghai.workingDaysBetween('2025-01-24', '2025-01-24')).toBe(0);
      expect(shanghai.workingDaysBetween('2025-02-10', '2025-01-24')).toBe(-7);
    });

    it('counts zero across the whole of National Day 2025 (09-30 to 10-08)', () => {
      expect(shanghai.workingDaysBetween('2025-09-30', '2025-10-08')).toBe(0);
    });
  });

  describe('Method: localDateOf', () => {
    it('takes the date in the desk zone: 2025-01-24T16:30Z is already Saturday 01-25 in Shanghai', () => {
      const instant = new Date('2025-01-24T16:30:00Z');

      expect(shanghai.localDateOf(instant)).toBe('2025-01-25');
      expect(chinaStatutoryCalendar('UTC').localDateOf(instant)).toBe('2025-01-24');
    });

    it('puts 15:59:59.999Z on one side of Shanghai midnight and 16:00Z on the other', () => {
      expect(shanghai.localDateOf(new Date('2025-03-31T15:59:59.999Z'))).toBe('2025-03-31');
      expect(shanghai.localDateOf(new Date('2025-03-31T16:00:00.000Z'))).toBe('2025-04-01');
    });

    it('works in zones west of UTC: 2025-07-01T03:00Z is still 06-30 in New York (UTC-4)', () => {
      expect(chinaStatutoryCalendar('America/New_York').localDateOf(new Date('2025-07-01T03:00:00Z'))).toBe(
        '2025-06-30',
      );
    });
  });

  describe('Methods: startOfLocalDay and endOfLocalDay', () => {
    it('is 00:00 and 23:59:59.999 at +08:00 in Shanghai', () => {
      expect(shanghai.startOfLocalDay('2025-02-10').toISOString()).toBe('2025-02-09T16:00:00.000Z');
      expect(shanghai.endOfLocalDay('2025-02-10').toISOString()).toBe('2025-02-10T15:59:59.999Z');
    });

    it.each([
      // zone, date, start (UTC), end (UTC), hours in the local day
      ['America/New_York', '2025-03-09', '2025-03-09T05:00:00.000Z', '2025-03-10T03:59:59.999Z', 23],
      ['America/New_York', '2025-11-02', '2025-11-02T04:00:00.000Z', '2025-11-03T04:59:59.999Z', 25],
      ['Europe/Berlin', '2025-03-30', '2025-03-29T23:00:00.000Z', '2025-03-30T21:59:59.999Z', 23],
      ['Europe/Berlin', '2025-10-26', '2025-10-25T22:00:00.000Z', '2025-10-26T22:59:59.999Z', 25],
      // Chile springs forward at midnight: 00:00 never happens, the day starts at 01:00 -03
      ['America/Santiago', '2025-09-07', '2025-09-07T04:00:00.000Z', '2025-09-08T02:59:59.999Z', 23],
    ])('on a DST change in %s, %s runs from %s to %s (%i h)', (zone, date, start, end, hours) => {
      const calendar = chinaStatutoryCalendar(zone);

      const startOfDay = calendar.startOfLocalDay(date);
      const endOfDay = calendar.endOfLocalDay(date);

      expect(startOfDay.toISOString()).toBe(start);
      expect(endOfDay.toISOString()).toBe(end);
      expect((endOfDay.getTime() + 1 - startOfDay.getTime()) / 3_600_000).toBe(hours);
      expect(calendar.localDateOf(endOfDay)).toBe(date);
      expect(calendar.localDateOf(new Date(endOfDay.getTime() + 1))).not.toBe(date);
    });
  });

  describe('Constructor', () => {
    it('rejects an unknown time zone with a RangeError naming it', () => {
      expect(() => chinaStatutoryCalendar('Mars/Olympus_Mons')).toThrow(/Unknown time zone "Mars\/Olympus_Mons"/);
      expect(() => chinaStatutoryCalendar('')).toThrow(RangeError);
    });
  });

  describe('Method: withEntries', () => {
    it('layers company days on top: a shutdown on Wed 2025-12-31 and working the 2026-01-02 holiday', () => {
      const company = shanghai.withEntries([
        { date: '2025-12-31', kind: 'holiday', name: 'Year-end shutdown' },
        { date: '2026-01-02', kind: 'working', name: 'Stocktake' },
      ]);

      expect(company.dayKind('2025-12-31')).toBe('holiday');
      expect(company.holidayName('2025-12-31')).toBe('Year-end shutdown');
      expect(company.dayKind('2026-01-02')).toBe('working');
      expect(shanghai.dayKind('2025-12-31')).toBe('working');
    });

    it('lets later entries win', () => {
      const calendar = shanghai
        .withEntries([{ date: '2025-03-03', kind: 'holiday', name: 'first' }])
        .withEntries([{ date: '2025-03-03', kind: 'working', name: 'second' }]);

      expect(calendar.dayKind('2025-03-03')).toBe('working');
    });

    it('covers a new year once its notice is loaded', () => {
      const with2027 = shanghai.withEntries([{ date: '2027-01-01', kind: 'holiday', name: "New Year's Day" }], [2027]);

      expect(with2027.covers(2027)).toBe(true);
      expect(with2027.dayKind('2027-01-01')).toBe('holiday');
      expect(with2027.dayKind('2027-01-04')).toBe('working');
    });

    it('starts from an empty calendar too', () => {
      const bare = new BusinessCalendar({ timeZone: 'Europe/Berlin', coveredYears: [2025], entries: [] });

      expect(bare.timeZone).toBe('Europe/Berlin');
      expect(bare.dayKind('2025-12-25')).toBe('working');
      expect(() => bare.dayKind('2024-12-25')).toThrow(CalendarYearMissingError);
    });
  });
});
