/** The business calendar's status as GET /staff/calendar answers it, and the pure rules the banner and the calendar page share. */

export interface CalendarDay {
  date: string;
  name: string;
  nameZh?: string;
}

export interface CalendarYear {
  year: number;
  holidays: CalendarDay[];
  makeUpWorkingDays: CalendarDay[];
  source: 'statutory' | 'loaded';
}

/** GET /staff/calendar: the years the business calendar covers (not in the generated schema yet). */
export interface CalendarStatus {
  timeZone: string;
  coveredYears: number[];
  nextYearMissing: boolean;
  provisionalFrom: string | null;
  provisionalComplaints?: number | null;
  years: CalendarYear[];
}

/** The year missing after the covered ones, and the last covered date (31 December of the last covered year). */
export function missingYearOf(status: CalendarStatus): { year: number; lastDate: string } | undefined {
  if (!status.nextYearMissing) return undefined;
  const last = status.coveredYears.length ? Math.max(...status.coveredYears) : undefined;
  if (last === undefined) {
    const year = status.provisionalFrom ? Number(status.provisionalFrom.slice(0, 4)) : new Date().getFullYear() + 1;
    return { year, lastDate: `${year - 1}-12-31` };
  }
  return { year: last + 1, lastDate: `${last}-12-31` };
}

/** A day's name in the UI language. */
export function dayName(day: CalendarDay, language: string): string {
  return language.startsWith('zh') && day.nameZh ? day.nameZh : day.name;
}

/** The kind of a schedule file from its name (or its type when the name says nothing). */
export function scheduleKind(file: { name: string; type: string }): 'ics' | 'json' | undefined {
  const name = file.name.toLowerCase();
  if (name.endsWith('.ics') || file.type === 'text/calendar') return 'ics';
  if (name.endsWith('.json') || file.type === 'application/json') return 'json';
  return undefined;
}

/** The API takes names of letters, digits, dots, dashes and spaces ending .json: others are replaced, the extension kept. */
export function safeFileName(name: string): string {
  const base = name.replace(/\.json$/i, '').replace(/[^\w. -]/g, '_').slice(0, 90) || 'calendar';
  return `${base}.json`;
}
