/** Report periods as local dates (YYYY-MM-DD) in the desk's time zone; pure, so the unit tests can fix "today". */

export interface Period {
  from: string;
  to: string;
}

export type PresetName = 'thisMonth' | 'lastMonth' | 'yearToDate';
export const presetNames: readonly PresetName[] = ['thisMonth', 'lastMonth', 'yearToDate'];

const localDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(text: string): boolean {
  const match = localDatePattern.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
};

/** Today's local date in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** This month and year to date end today; last month is the whole previous month. */
export function presetPeriod(preset: PresetName, today: string): Period {
  const [year, month] = today.split('-').map(Number) as [number, number];
  switch (preset) {
    case 'thisMonth':
      return { from: localDate(year, month, 1), to: today };
    case 'lastMonth':
      // Day 0 of a month is the last day of the month before.
      return { from: localDate(year, month - 1, 1), to: localDate(year, month, 0) };
    case 'yearToDate':
      return { from: localDate(year, 1, 1), to: today };
  }
}

/** The preset a period is, if any: the picker shows it as chosen. */
export function presetOf(period: Period, today: string): PresetName | undefined {
  return presetNames.find((name) => {
    const p = presetPeriod(name, today);
    return p.from === period.from && p.to === period.to;
  });
}

export function isValidPeriod(period: Period): boolean {
  return isLocalDate(period.from) && isLocalDate(period.to) && period.from <= period.to;
}

export function csvFileName(period: Period): string {
  return `closeloop-kpi-${period.from}-${period.to}.csv`;
}
