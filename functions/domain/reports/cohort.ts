import type { BusinessCalendar } from '#domain/business-calendar.ts';
import type { CaseCategory, Channel, Complaint, Tier } from '#domain/complaint.ts';
import type { Severity } from '#domain/sla-policy.ts';
import { workingTimeBetween } from '#domain/working-time.ts';
import { localDateIn } from './local-dates.ts';

/*
 * A report counts the cohort of complaints received in a period as they stand
 * when it is made (DOMAIN.md, KPIs). Two steps: the facts a complaint carries
 * for reports (written on every save, so an index can serve them without
 * reading complaints), and the row those facts make at a given instant with
 * the desk's calendar (met, breached or pending; working days). A settled
 * month's rows are stored as they are and never evaluated again.
 */

/** Escalations the reports count: reached by a missed deadline, a rejection or by hand. Alerts at filing are not escalations. */
const alertReasons = new Set(['high_risk', 'major_complaint']);

export interface ReportFacts {
  id: string;
  caseNumber: string;
  receivedAt: string;
  /** The local date of receipt in the desk's time zone: the cohort a complaint belongs to. */
  receivedOn: string;
  category: CaseCategory;
  channel: Channel;
  severity: Severity;
  tier: Tier;
  agent?: string;
  team?: string;
  closedAt?: string;
  responseDueAt: string;
  firstRespondedAt?: string;
  /** The resolution deadline in force now (pauses included). */
  resolutionDueAt: string;
  /** The first resolution recorded, and the deadline in force when it was. */
  firstResolution?: { at: string; dueAt: string };
  /** The resolution the customer accepted (or that was auto-accepted): when it was recorded. */
  acceptedResolutionAt?: string;
  pausedWorkingMs: number;
  /** Set while the desk waits on the customer: the resolution clock is stopped. */
  paused?: boolean;
  /** Levels reached at least once, ascending. */
  escalationLevels: number[];
  reopenCount: number;
  repeat: boolean;
  /**
   * Triage filed it `uncertain` (the complaint's own category may have been picked since): written
   * only when true, so facts written before it existed read as false, which they were.
   */
  uncertainAtFiling?: true;
  surveySentAt?: string;
  csat?: number;
  nps?: number;
  /** The customer was sent a resolution email (one that was given up on does not count). */
  resolutionSent: boolean;
}

/** The report facts of a complaint, as the store writes them beside it. */
export function reportFactsOf(c: Complaint): ReportFacts {
  const levels = [...new Set(c.escalations.filter((e) => !alertReasons.has(e.reason)).map((e) => e.level))].sort();
  const firstResolution =
    c.firstResolution ?? (c.resolvedAt && c.reopenCount === 0 ? { at: c.resolvedAt, dueAt: c.resolutionDueAt } : undefined);
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    receivedAt: c.receivedAt,
    receivedOn: localDateIn(c.receivedAt, c.timeZone),
    category: c.category,
    channel: c.channel,
    severity: c.severity,
    tier: c.tier,
    ...(c.owner ? { agent: c.owner.agentId, ...(c.owner.team ? { team: c.owner.team } : {}) } : {}),
    ...(c.closedAt && c.phase === 'CLOSED' ? { closedAt: c.closedAt } : {}),
    responseDueAt: c.responseDueAt,
    ...(c.firstRespondedAt ? { firstRespondedAt: c.firstRespondedAt } : {}),
    resolutionDueAt: c.resolutionDueAt,
    ...(firstResolution ? { firstResolution } : {}),
    ...(c.phase === 'CLOSED' && c.resolvedAt ? { acceptedResolutionAt: c.resolvedAt } : {}),
    pausedWorkingMs: c.pausedWorkingMs,
    ...(c.pause ? { paused: true } : {}),
    escalationLevels: levels,
    reopenCount: c.reopenCount,
    repeat: c.repeatOf !== undefined,
    ...(c.triage?.category.value === 'uncertain' ? { uncertainAtFiling: true as const } : {}),
    ...(c.surveySentAt ? { surveySentAt: c.surveySentAt } : {}),
    ...(c.survey ? { csat: c.survey.csat, nps: c.survey.nps } : {}),
    resolutionSent: (c.notices ?? []).some((n) => n.kind === 'resolution' && n.sentAt !== undefined && n.failed === undefined),
  };
}

export type DeadlineStatus = 'met' | 'breached' | 'pending';
export type DeadlineName = 'firstResponse' | 'resolution';

export interface BreachFact {
  deadline: DeadlineName;
  dueAt: string;
  doneAt: string | null;
  overdueMs: number;
  /** Resolution only: the overdue time that fell on working days. */
  overdueWorkingMs: number | null;
}

/** One complaint of a cohort, evaluated at an instant: what every figure counts. */
export interface CohortRow {
  id: string;
  caseNumber: string;
  receivedOn: string;
  category: CaseCategory;
  channel: Channel;
  severity: Severity;
  tier: Tier;
  agent: string | null;
  team: string | null;
  closed: boolean;
  firstResponse: DeadlineStatus;
  resolution: DeadlineStatus;
  /** Closed complaints: working time from receipt to the accepted resolution, pauses not counted. */
  workingMs: number | null;
  escalationLevels: number[];
  reopened: boolean;
  resolvedOnce: boolean;
  repeat: boolean;
  /** Absent in the rows of months settled before it was recorded, when no complaint was filed uncertain. */
  uncertainAtFiling?: boolean;
  surveySent: boolean;
  csat: number | null;
  nps: number | null;
  noFeedback: boolean;
  breaches: BreachFact[];
}

const ms = (iso: string) => Date.parse(iso);

function deadlineStatus(doneAt: string | undefined, dueAt: string, now: Date, stopped = false): DeadlineStatus {
  if (doneAt) return ms(doneAt) <= ms(dueAt) ? 'met' : 'breached';
  return !stopped && now.getTime() > ms(dueAt) ? 'breached' : 'pending';
}

/** Working time, or null when the calendar lacks a year the span touches: a guess would be silently wrong. */
function workingTime(from: string, to: string, calendar: BusinessCalendar): number | null {
  try {
    return workingTimeBetween(new Date(from), new Date(to), calendar);
  } catch {
    return null;
  }
}

export function cohortRow(facts: ReportFacts, now: Date, calendar: BusinessCalendar): CohortRow {
  const closed = facts.closedAt !== undefined;
  const firstResponse = deadlineStatus(facts.firstRespondedAt, facts.responseDueAt, now);
  const resolutionDueAt = facts.firstResolution?.dueAt ?? facts.resolutionDueAt;
  const resolution = deadlineStatus(facts.firstResolution?.at, resolutionDueAt, now, facts.paused === true);
  const breaches: BreachFact[] = [];
  if (firstResponse === 'breached') {
    const doneAt = facts.firstRespondedAt ?? null;
    breaches.push({
      deadline: 'firstResponse',
      dueAt: facts.responseDueAt,
      doneAt,
      overdueMs: (doneAt ? ms(doneAt) : now.getTime()) - ms(facts.responseDueAt),
      overdueWorkingMs: null,
    });
  }
  if (resolution === 'breached') {
    const doneAt = facts.firstResolution?.at ?? null;
    const end = doneAt ?? now.toISOString();
    breaches.push({
      deadline: 'resolution',
      dueAt: resolutionDueAt,
      doneAt,
      overdueMs: ms(end) - ms(resolutionDueAt),
      overdueWorkingMs: workingTime(resolutionDueAt, end, calendar),
    });
  }
  const accepted = closed ? facts.acceptedResolutionAt : undefined;
  const elapsed = accepted ? workingTime(facts.receivedAt, accepted, calendar) : null;
  return {
    id: facts.id,
    caseNumber: facts.caseNumber,
    receivedOn: facts.receivedOn,
    category: facts.category,
    channel: facts.channel,
    severity: facts.severity,
    tier: facts.tier,
    agent: facts.agent ?? null,
    team: facts.team ?? null,
    closed,
    firstResponse,
    resolution,
    workingMs: elapsed === null ? null : Math.max(0, elapsed - facts.pausedWorkingMs),
    escalationLevels: facts.escalationLevels,
    reopened: facts.reopenCount > 0,
    resolvedOnce: facts.firstResolution !== undefined || facts.reopenCount > 0 || closed,
    repeat: facts.repeat,
    uncertainAtFiling: facts.uncertainAtFiling === true,
    surveySent: facts.surveySentAt !== undefined,
    csat: facts.csat ?? null,
    nps: facts.nps ?? null,
    noFeedback: closed && !facts.resolutionSent,
    breaches,
  };
}

/** How long a survey link opens (send-surveys): after it, no answer can still change a figure. */
const surveyAnswerWindowMs = 30 * 86_400_000;
/** DOMAIN.md: a month's cohort is settled when every complaint is closed, or 60 days after the month. */
export const settleAfterMs = 60 * 86_400_000;

/**
 * Whether a month's figures can no longer change: 60 days after its end, or
 * every complaint closed and no survey left that could still be answered.
 */
export function isSettled(facts: readonly ReportFacts[], monthEnd: Date, now: Date): boolean {
  if (now.getTime() < monthEnd.getTime()) return false;
  if (now.getTime() >= monthEnd.getTime() + settleAfterMs) return true;
  return facts.every(
    (f) =>
      f.closedAt !== undefined &&
      f.resolutionSent &&
      f.surveySentAt !== undefined &&
      (f.csat !== undefined || now.getTime() >= ms(f.surveySentAt) + surveyAnswerWindowMs),
  );
}
