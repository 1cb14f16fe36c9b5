import type { BusinessCalendar, CalendarEntry, LocalDate } from '#domain/business-calendar.ts';

/*
 * What the desk's calendar holds, as a supervisor checks it before the year
 * turns: which years count working days at all, which came from the
 * statutory data and which the desk loaded, and from when deadlines can only
 * be provisional because the State Council notice is not in yet.
 */

export interface DayOnCalendar {
  date: LocalDate;
  name: string;
  nameZh?: string;
}

export interface CalendarYear {
  year: number;
  holidays: DayOnCalendar[];
  makeUpWorkingDays: DayOnCalendar[];
  /** `loaded` when the desk's own file declared the year; company days on a statutory year leave it `statutory`. */
  source: 'statutory' | 'loaded';
}

export interface CalendarOverview {
  timeZone: string;
  coveredYears: number[];
  nextYearMissing: boolean;
  provisionalFrom: LocalDate | null;
  years: CalendarYear[];
}

export function calendarOverview(calendar: BusinessCalendar, loadedYears: readonly number[], now: Date): CalendarOverview {
  const coveredYears = calendar.coveredYears;
  const thisYear = Number(calendar.localDateOf(now).slice(0, 4));
  return {
    timeZone: calendar.timeZone,
    coveredYears,
    nextYearMissing: !calendar.covers(thisYear + 1),
    provisionalFrom: provisionalFrom(calendar, thisYear),
    years: coveredYears.map((year) => {
      const entries = calendar.entriesIn(year);
      return {
        year,
        holidays: entries.filter((e) => e.kind === 'holiday').map(dayOf),
        makeUpWorkingDays: entries.filter((e) => e.kind === 'working').map(dayOf),
        source: loadedYears.includes(year) ? 'loaded' : 'statutory',
      };
    }),
  };
}

/**
 * The last day of the run of covered years from this one on: a deadline
 * past it counts a year without a notice. A gap further on does not matter
 * while the run before it holds; an uncovered current year makes it the last
 * day of the year before.
 */
function provisionalFrom(calendar: BusinessCalendar, thisYear: number): LocalDate | null {
  if (calendar.coveredYears.length === 0) return null;
  let year = thisYear;
  while (calendar.covers(year)) year++;
  return `${String(year - 1).padStart(4, '0')}-12-31`;
}

function dayOf(entry: CalendarEntry): DayOnCalendar {
  return { date: entry.date, name: entry.name, ...(entry.nameZh ? { nameZh: entry.nameZh } : {}) };
}
