import { addDays, type BusinessCalendar, type LocalDate } from '#domain/business-calendar.ts';

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
  const clock = wallClock(calendar.timeZone);
  const timeOfDay = clock.wallMs(start) - wallMidnight(fromDate);
  return new Date(clock.instantAt(wallMidnight(calendar.nthWorkingDayAfter(fromDate, days)) + timeOfDay));
}

const DAY_MS = 86_400_000;

function instantMs(instant: Date): number {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`Invalid instant: ${String(instant)}`);
  }
  return instant.getTime();
}

/** A local date's 00:00 wall-clock reading, encoded as if it were UTC ms (the calendar's own convention). */
function wallMidnight(date: LocalDate): number {
  return Date.parse(`${date}T00:00:00Z`);
}

interface WallClock {
  /** The wall-clock reading of an instant, encoded as if it were UTC ms. */
  wallMs(instantMs: number): number;
  /** The first instant reading `wall`; in a DST gap, the instant the clocks jump past it. */
  instantAt(wall: number): number;
}

const wallClocks = new Map<string, WallClock>();

/*
 * BusinessCalendar only exposes day boundaries; the same local time of day on
 * another date needs the zone's offsets, read through Intl like the calendar.
 */
function wallClock(timeZone: string): WallClock {
  const cached = wallClocks.get(timeZone);
  if (cached) return cached;

  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    calendar: 'iso8601',
    numberingSystem: 'latn',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  const wallMs = (instant: number): number => {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(instant)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const seconds = Date.UTC(
      parts.year ?? NaN,
      (parts.month ?? NaN) - 1,
      parts.day ?? NaN,
      parts.hour ?? NaN,
      parts.minute ?? NaN,
      parts.second ?? NaN,
    );
    return seconds + (((instant % 1000) + 1000) % 1000);
  };
  const instantAt = (wall: number): number => {
    // Zones change offset at most once within a day either side of any wall time.
    const offsetBefore = wallMs(wall - DAY_MS) - (wall - DAY_MS);
    const offsetAfter = wallMs(wall + DAY_MS) - (wall + DAY_MS);
    const exact = [wall - offsetBefore, wall - offsetAfter].filter((t) => wallMs(t) === wall);
    if (exact.length > 0) return Math.min(...exact);
    let lo = wall - offsetAfter;
    let hi = wall - offsetBefore;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (wallMs(mid) > wall) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  const clock = { wallMs, instantAt };
  wallClocks.set(timeZone, clock);
  return clock;
}
