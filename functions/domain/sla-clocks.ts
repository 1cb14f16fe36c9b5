import { addDays, CalendarYearMissingError, type BusinessCalendar } from '#domain/business-calendar.ts';
import type { Complaint } from '#domain/complaint.ts';
import { workingTimeBetween } from '#domain/working-time.ts';

/*
 * The countdowns a desk console shows for a case, as they stand at one
 * instant of the server's clock. The first response counts calendar hours,
 * the resolution and the customer's windows (confirmation, an information
 * request) count working time of the desk's calendar (DOMAIN.md), so a
 * working clock stands still overnight into a holiday and says when it moves
 * again, and the console needs no calendar of its own.
 */

export const clockDeadlines = ['response', 'resolution', 'confirmation', 'information'] as const;
export type ClockDeadline = (typeof clockDeadlines)[number];

export interface Clock {
  deadline: ClockDeadline;
  dueAt: string;
  /** How remainingMs counts: a provisional working clock falls back to calendar time. */
  basis: 'calendar' | 'working';
  remainingMs: number;
  running: boolean;
  paused: boolean;
  provisional: boolean;
  changesAt: string | null;
}

export interface CaseClocks {
  asOf: string;
  next: Clock | null;
  response: Clock | null;
  resolution: Clock | null;
}

/** Running flips at most at a change of day kind; a year of days is more than any deadline spans. */
const flipSearchDays = 400;

export function caseClocks(
  complaint: Pick<
    Complaint,
    'phase' | 'firstRespondedAt' | 'responseDueAt' | 'resolutionDueAt' | 'pause' | 'confirmationDueAt' | 'deadlinesProvisional'
  >,
  calendar: BusinessCalendar,
  now: Date,
): CaseClocks {
  const open = complaint.phase !== 'CLOSED';
  const resolving = open && complaint.phase !== 'AWAITING_CONFIRMATION';
  const response = open && !complaint.firstRespondedAt ? calendarClock('response', complaint.responseDueAt, now) : null;
  const resolution = resolving
    ? workingClock('resolution', complaint.resolutionDueAt, calendar, now, {
        pausedSince: complaint.pause ? new Date(complaint.pause.since) : undefined,
        provisional: complaint.deadlinesProvisional !== undefined,
      })
    : null;
  const confirmation =
    complaint.phase === 'AWAITING_CONFIRMATION' && complaint.confirmationDueAt
      ? workingClock('confirmation', complaint.confirmationDueAt, calendar, now, {})
      : null;
  const information = resolving && complaint.pause ? workingClock('information', complaint.pause.expiresAt, calendar, now, {}) : null;
  // The desk's own deadline is the one the queue orders by (nextDueAt): the response until it is given, then the
  // resolution; a customer's window nearer than that comes first, since the case moves when it runs out.
  const desk = response ?? resolution;
  const candidates = [desk, information, confirmation].filter((c): c is Clock => c !== null);
  const next = candidates.reduce<Clock | null>((best, c) => (best && Date.parse(best.dueAt) <= Date.parse(c.dueAt) ? best : c), null);
  return { asOf: now.toISOString(), next, response, resolution };
}

function calendarClock(deadline: ClockDeadline, dueAt: string, now: Date): Clock {
  return {
    deadline,
    dueAt,
    basis: 'calendar',
    remainingMs: Date.parse(dueAt) - now.getTime(),
    running: true,
    paused: false,
    provisional: false,
    changesAt: null,
  };
}

function workingClock(
  deadline: ClockDeadline,
  dueAt: string,
  calendar: BusinessCalendar,
  now: Date,
  opts: { pausedSince?: Date | undefined; provisional?: boolean },
): Clock {
  const due = new Date(dueAt);
  // A paused clock shows what was left when the pause began; it resumes with exactly that much.
  const from = opts.pausedSince ?? now;
  try {
    const remainingMs = signedWorkingTime(from, due, calendar);
    const paused = opts.pausedSince !== undefined;
    const workingToday = calendar.isWorkingDay(calendar.localDateOf(now));
    return {
      deadline,
      dueAt,
      basis: 'working',
      remainingMs,
      running: !paused && workingToday,
      paused,
      provisional: opts.provisional === true,
      changesAt: paused ? null : nextFlip(calendar, now, workingToday),
    };
  } catch (error) {
    if (!(error instanceof CalendarYearMissingError)) throw error;
    // Without the year's State Council notice, working time cannot be told from calendar time: show the
    // plain countdown, marked, rather than guess which days are off.
    const paused = opts.pausedSince !== undefined;
    return {
      ...calendarClock(deadline, dueAt, from),
      running: !paused,
      paused,
      provisional: true,
    };
  }
}

function signedWorkingTime(from: Date, to: Date, calendar: BusinessCalendar): number {
  return to.getTime() >= from.getTime() ? workingTimeBetween(from, to, calendar) : -workingTimeBetween(to, from, calendar);
}

/** The first local day whose kind differs from today's begins when `running` flips; null past the covered years. */
function nextFlip(calendar: BusinessCalendar, now: Date, workingToday: boolean): string | null {
  let date = calendar.localDateOf(now);
  for (let i = 0; i < flipSearchDays; i++) {
    date = addDays(date, 1);
    if (!calendar.covers(Number(date.slice(0, 4)))) return null;
    if (calendar.isWorkingDay(date) !== workingToday) return calendar.startOfLocalDay(date).toISOString();
  }
  return null;
}
