import { addDays, type LocalDate } from '#domain/business-calendar.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

/** The local date of an instant in a time zone: the day a complaint counts in ("received" is a local date). */
export function localDateIn(instant: Date | string, timeZone: string): LocalDate {
  let format = formats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  return format.format(new Date(instant));
}

/** `YYYY-MM` of a local date. */
export const monthOf = (date: LocalDate) => date.slice(0, 7);

export const firstOfMonth = (month: string): LocalDate => `${month}-01`;

export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

export const previousMonth = (month: string): string => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
};

export const lastOfMonth = (month: string): LocalDate => addDays(firstOfMonth(nextMonth(month)), -1);

/** The months a period of local dates touches, in order. */
export function monthsOf(from: LocalDate, to: LocalDate): string[] {
  const months: string[] = [];
  for (let month = monthOf(from); month <= monthOf(to); month = nextMonth(month)) months.push(month);
  return months;
}

/** ISO weekday of a local date: 1 Monday … 7 Sunday (the date itself, no time zone involved). */
export function weekdayOf(date: LocalDate): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The period cut into weeks (Monday to Sunday) or calendar months, the first and last cut at the period's ends. */
export function intervalsOf(from: LocalDate, to: LocalDate, interval: 'week' | 'month'): { from: LocalDate; to: LocalDate }[] {
  const slices: { from: LocalDate; to: LocalDate }[] = [];
  let start = from;
  while (start <= to) {
    const naturalEnd = interval === 'week' ? addDays(start, 7 - weekdayOf(start)) : lastOfMonth(monthOf(start));
    const end = naturalEnd < to ? naturalEnd : to;
    slices.push({ from: start, to: end });
    start = addDays(end, 1);
  }
  return slices;
}
