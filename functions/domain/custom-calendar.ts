import type { BusinessCalendar, CalendarEntry } from '#domain/business-calendar.ts';

/*
 * A desk's own calendar entries once read from a file (see calendar-file.ts,
 * which parses them) and how they apply on top of the statutory calendar.
 * Apart from the parser so a function that only applies them bundles no
 * iCalendar library.
 */

export interface CustomCalendar {
  coveredYears: number[];
  entries: CalendarEntry[];
  /** Where the entries came from (a file name), for messages and audit. */
  source: string;
}

export function withCustomCalendar(base: BusinessCalendar, custom: CustomCalendar): BusinessCalendar {
  return base.withEntries(custom.entries, custom.coveredYears);
}

/** A newly loaded file on top of what the desk had: its entries win date by date, covered years add up. */
export function mergeCustomCalendars(earlier: CustomCalendar | undefined, later: CustomCalendar): CustomCalendar {
  if (!earlier) return later;
  const byDate = new Map(earlier.entries.map((e) => [e.date, e]));
  for (const entry of later.entries) byDate.set(entry.date, entry);
  return {
    coveredYears: [...new Set([...earlier.coveredYears, ...later.coveredYears])].sort((a, b) => a - b),
    entries: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)),
    source: `${earlier.source} + ${later.source}`,
  };
}
