import { addDays, type BusinessCalendar } from '#domain/business-calendar.ts';

/*
 * Working time is the part of a span that falls on working days of the desk's
 * calendar, each working day running from its first local instant to the first
 * instant of the next local date. Days are measured on the instant line, so a
 * DST day counts its real 23 or 25 hours. Every loop here steps a day at a
 * time: a span of a year costs a few hundred Intl lookups, not one per ms.
 *
 * Any day the span touches in a year without a State Council notice throws
 * CalendarYearMissingError: counting it weekends-only would be a silent guess.
 */

/** Milliseconds of working time in [from, to); 0 when `to` is not after `from`. */
export function workingTimeBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
  const start = instantMs(from);
  const end = instantMs(to);
  if (end <= start) return 0;

  let total = 0;
  let date = calendar.localDateOf(from);
  let dayStart = calendar.startOfLocalDay(date).getTime();
  // The span is half-open, so the day that `to` starts is not touched at all.
  while (dayStart < end) {
    const nextDate = addDays(date, 1);
    const nextStart = calendar.startOfLocalDay(nextDate).getTime();
    if (calendar.isWorkingDay(date)) total += Math.max(0, Math.min(end, nextStart) - Math.max(start, dayStart));
    date = nextDate;
    dayStart = nextStart;
  }
  return total;
}

/**
 * The earliest instant t with workingTimeBetween(from, t) === ms. Non-working
 * days are skipped, so time that runs out exactly at the end of a working day
 * lands on the midnight that ends it, even when a holiday follows. A
 * fractional ms (a share of a window) is rounded up: instants are whole ms.
 */
export function addWorkingTime(from: Date, ms: number, calendar: BusinessCalendar): Date {
  const start = instantMs(from);
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`Working time to add must be a finite non-negative number of ms, got ${ms}`);
  }
  let remaining = Math.ceil(ms);
  if (remaining === 0) return new Date(start);

  let date = calendar.localDateOf(from);
  let cursor = start;
  for (;;) {
    const nextDate = addDays(date, 1);
    const nextStart = calendar.startOfLocalDay(nextDate).getTime();
    if (calendar.isWorkingDay(date)) {
      const available = nextStart - cursor;
      if (remaining <= available) return new Date(cursor + remaining);
      remaining -= available;
    }
    date = nextDate;
    cursor = nextStart;
  }
}

/**
 * Waiting on the customer stops the clock: the deadline moves by the working
 * time the pause lasted, so a pause over a weekend or holiday moves nothing
 * for those days. A deadline at 23:59:59.999 has 1 ms of its day left, so
 * the rest spills into the next working day.
 */
export function extendForPause(dueAt: Date, pausedFrom: Date, pausedTo: Date, calendar: BusinessCalendar): Date {
  if (instantMs(pausedTo) < instantMs(pausedFrom)) {
    throw new RangeError(
      `A pause cannot end (${pausedTo.toISOString()}) before it starts (${pausedFrom.toISOString()})`,
    );
  }
  return addWorkingTime(dueAt, workingTimeBetween(pausedFrom, pausedTo, calendar), calendar);
}

/**
 * `days` working days later at the same local time of day ("level 3 two
 * working days after level 2"): from a working day, the same wall-clock time
 * on the `days`-th working day after it; from a weekend or holiday the count
 * starts at 00:00 of the next working day, since no working time has passed
 * yet. Either way exactly `days` whole working days of working time lie in
 * between, and the result falls on a working day, so a director is never
 * escalated to at the midnight that starts a holiday.
 */
export function addWorkingDays(from: Date, days: number, calendar: BusinessCalendar): Date {
  const start = instantMs(from);
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`Working-day count must be a non-negative integer, got ${days}`);
  }
  if (days === 0) return new Date(start);

  const fromDate = calendar.localDateOf(from);
  if (!calendar.isWorkingDay(fromDate)) {
    const firstWorkingDay = calendar.nthWorkingDayAfter(fromDate, 1);
    return calendar.startOfLocalDay(calendar.nthWorkingDayAfter(firstWorkingDay, days));
  }
  // Elapsed time since local midnight, not a wall-clock reading: the same thing
  // except on a DST-change day, where it keeps the working time exact.
  const sinceMidnight = start - calendar.startOfLocalDay(fromDate).getTime();
  const target = calendar.nthWorkingDayAfter(fromDate, days);
  const targetEnd = calendar.startOfLocalDay(addDays(target, 1)).getTime() - 1;
  return new Date(Math.min(calendar.startOfLocalDay(target).getTime() + sinceMidnight, targetEnd));
}


function instantMs(instant: Date): number {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`Invalid instant: ${String(instant)}`);
  }
  return instant.getTime();
}
