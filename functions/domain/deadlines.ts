import { CalendarYearMissingError, type BusinessCalendar } from '#domain/business-calendar.ts';

/** 限时办结制: the targets a policy sets; severity and VIP tier tighten them (policies are data). */
export interface SlaTargets {
  firstResponseHours: number;
  resolutionWorkingDays: number;
  confirmationWorkingDays: number;
  surveyDelayHours: number;
}

export const defaultSlaTargets: SlaTargets = {
  firstResponseHours: 48,
  resolutionWorkingDays: 7,
  confirmationWorkingDays: 3,
  surveyDelayHours: 24,
};

export interface Deadlines {
  responseDueAt: Date;
  resolutionDueAt: Date;
}

const HOUR_MS = 3_600_000;

/**
 * Response is counted in calendar hours, resolution in working days of the
 * desk's calendar. Throws CalendarYearMissingError when the count runs into a
 * year without a State Council notice rather than guessing weekends-only.
 */
export function computeDeadlines(
  receivedAt: Date,
  calendar: BusinessCalendar,
  targets: SlaTargets = defaultSlaTargets,
): Deadlines {
  return {
    responseDueAt: addHours(receivedAt, targets.firstResponseHours),
    resolutionDueAt: endOfNthWorkingDayAfter(receivedAt, targets.resolutionWorkingDays, calendar),
  };
}

export interface DeadlinesAtReceipt extends Deadlines {
  /** Set when a year had no State Council notice and was counted as Monday-Friday working. */
  provisional?: { missingYears: number[] };
}

/**
 * Filing must not fail because next year's notice is not out yet (it comes
 * around November): the missing years are counted weekends-only and the
 * result is flagged, so the caller can say so loudly and recompute later.
 */
export function deadlinesAtReceipt(
  receivedAt: Date,
  calendar: BusinessCalendar,
  targets: SlaTargets = defaultSlaTargets,
): DeadlinesAtReceipt {
  const missingYears: number[] = [];
  let effective = calendar;
  for (;;) {
    try {
      const due = computeDeadlines(receivedAt, effective, targets);
      return missingYears.length > 0 ? { ...due, provisional: { missingYears } } : due;
    } catch (error) {
      if (!(error instanceof CalendarYearMissingError) || missingYears.includes(error.year)) throw error;
      missingYears.push(error.year);
      effective = effective.withEntries([], [error.year]);
    }
  }
}

/**
 * The local date of `from` is taken in the calendar's zone, so a complaint
 * filed at 01:30 in Shanghai counts from that day even though it is still the
 * previous day in UTC; a receipt on a holiday or weekend simply finds its
 * first working day later.
 */
export function endOfNthWorkingDayAfter(from: Date, n: number, calendar: BusinessCalendar): Date {
  const day = calendar.nthWorkingDayAfter(calendar.localDateOf(from), n);
  return calendar.endOfLocalDay(day);
}

/** 回访确认制: the customer has this long to confirm or reject before it auto-confirms. */
export function confirmationDueAt(
  resolvedAt: Date,
  calendar: BusinessCalendar,
  targets: SlaTargets = defaultSlaTargets,
): Date {
  return endOfNthWorkingDayAfter(resolvedAt, targets.confirmationWorkingDays, calendar);
}

export function surveyDueAt(closedAt: Date, targets: SlaTargets = defaultSlaTargets): Date {
  return addHours(closedAt, targets.surveyDelayHours);
}

function addHours(instant: Date, hours: number): Date {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`Invalid instant: ${String(instant)}`);
  }
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`Hours must be a finite non-negative number, got ${hours}`);
  }
  return new Date(instant.getTime() + hours * HOUR_MS);
}
