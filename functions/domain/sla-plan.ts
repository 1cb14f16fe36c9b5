import type { BusinessCalendar } from '#domain/business-calendar.ts';
import type {
  CloseOutcome,
  Complaint,
  Escalation,
  EscalationLevel,
  EscalationReason,
  SlaWindow,
  WaitKind,
} from '#domain/complaint.ts';
import { addWorkingDays, addWorkingTime, workingTimeBetween } from '#domain/working-time.ts';
import { courierNoticesOwed, noticeLeaseMs } from '#domain/lifecycle/notices.ts';

export type NextStep =
  | { action: 'await'; kind: WaitKind; until: Date }
  | { action: 'escalate'; level: EscalationLevel; reason: EscalationReason; window: string }
  | { action: 'warn'; window: SlaWindow }
  | { action: 'expire_pause' }
  | { action: 'close'; outcome: CloseOutcome }
  | { action: 'notify'; noticeId: string }
  | { action: 'done' };

const HOUR_MS = 3_600_000;

/** The family of an escalation: its window without the repeat suffix. */
export const escalationFamily = (window: string) => window.replace(/#r\d+$/, '');

const inFamily = (c: Complaint, level: number, family: string) =>
  c.escalations.filter((e) => e.level === level && escalationFamily(e.window) === family);

const hasEscalation = (c: Complaint, level: number, family: string) => inFamily(c, level, family).length > 0;

const awaitingDesk = (c: Complaint) =>
  c.phase === 'RECEIVED' || c.phase === 'AWAITING_RESPONSE' || c.phase === 'AWAITING_RESOLUTION';

/** 75 % (the policy's threshold) of the response window, in calendar time like the window itself. */
export function responseWarningAt(c: Complaint): Date {
  const start = Date.parse(c.receivedAt);
  return new Date(start + c.policy.targets.warningThreshold * (Date.parse(c.responseDueAt) - start));
}

/**
 * The share of the resolution window in working time; a pause pushes the
 * warning as it pushes the deadline.
 */
export function resolutionWarningAt(c: Complaint, calendar: BusinessCalendar): Date {
  const start = new Date(c.receivedAt);
  const window = workingTimeBetween(start, new Date(c.originalResolutionDueAt), calendar);
  return addWorkingTime(start, c.policy.targets.warningThreshold * window + c.pausedWorkingMs, calendar);
}

/** Level 3 falls due this many working days after the first level-2 escalation, if still unresolved. */
export function levelThreeDueAt(c: Complaint, calendar: BusinessCalendar): Date | undefined {
  const firstLevelTwo = c.escalations.filter((e) => e.level === 2).sort((a, b) => a.at.localeCompare(b.at))[0];
  return firstLevelTwo ? addWorkingDays(new Date(firstLevelTwo.at), c.policy.level3AfterWorkingDays, calendar) : undefined;
}

/** An escalation keeps being repeated until acknowledged or until what it is about is over. */
function stillMatters(c: Complaint, e: Escalation): boolean {
  if (e.acknowledgedAt || c.escalations.some((o) => o.level === e.level && escalationFamily(o.window) === escalationFamily(e.window) && o.acknowledgedAt)) {
    return false;
  }
  const family = escalationFamily(e.window);
  if (family === 'response') return !c.firstRespondedAt && awaitingDesk(c);
  if (family === 'filing' || family === 'risk' || family.startsWith('manual')) return false;
  return awaitingDesk(c);
}

interface Repeat {
  at: Date;
  escalation: Escalation;
  count: number;
}

function nextRepeats(c: Complaint): Repeat[] {
  const repeats: Repeat[] = [];
  const families = new Map<string, Escalation[]>();
  for (const e of c.escalations) {
    const key = `${e.level}|${escalationFamily(e.window)}`;
    families.set(key, [...(families.get(key) ?? []), e]);
  }
  for (const members of families.values()) {
    const latest = members.reduce((a, b) => (a.at > b.at ? a : b));
    if (!latest.publishedAt || !stillMatters(c, latest)) continue;
    repeats.push({
      at: new Date(Date.parse(latest.at) + c.policy.repeatEveryHours * HOUR_MS),
      escalation: latest,
      count: members.length,
    });
  }
  return repeats;
}

/**
 * The whole workflow policy in one pure function. The state machine asks it
 * what to do after every wait, timeout or step, so a restarted execution
 * resumes from what is stored on the complaint and never repeats a step: each
 * action it returns is recorded on the complaint before the next question.
 */
export function decideNextStep(c: Complaint, now: Date, calendar: BusinessCalendar): NextStep {
  const t = now.getTime();
  // An email owed to the workflow goes out with its next wait; one that will not come (the case closes) is sent first.
  const courierOwed = courierNoticesOwed(c)[0];
  const courierOverdue = courierOwed && t - Date.parse(courierOwed.claimedAt) >= noticeLeaseMs;
  if (c.phase === 'CLOSED') return courierOwed ? { action: 'notify', noticeId: courierOwed.id } : { action: 'done' };

  const unpublished = c.escalations.find((e) => !e.publishedAt);
  if (unpublished) {
    return { action: 'escalate', level: unpublished.level, reason: unpublished.reason, window: unpublished.window };
  }
  // Very negative, a threat to go to a regulator, the media or a court, or a safety issue: at once, whatever the deadlines.
  if (c.triage?.risk.high && !hasEscalation(c, 1, 'risk')) {
    return { action: 'escalate', level: 1, reason: 'high_risk', window: 'risk' };
  }
  if (c.policy.superviseAtFiling && !hasEscalation(c, 1, 'filing')) {
    return { action: 'escalate', level: 1, reason: 'major_complaint', window: 'filing' };
  }

  const instants: Date[] = [];
  const due = (at: Date) => {
    if (at.getTime() <= t) return true;
    instants.push(at);
    return false;
  };

  // The next wait sends courier notices, so they set no instant of their own; one still owed a lease later (its
  // wait never came: a wake that failed) is sent now. An email whose sender failed is taken over after the lease.
  if (courierOverdue) return { action: 'notify', noticeId: courierOwed.id };
  for (const notice of c.notices ?? []) {
    if (!notice.sentAt && !notice.courier && due(new Date(Date.parse(notice.claimedAt) + noticeLeaseMs))) {
      return { action: 'notify', noticeId: notice.id };
    }
  }

  if (c.pause && awaitingDesk(c) && due(new Date(c.pause.expiresAt))) return { action: 'expire_pause' };

  if (!c.firstRespondedAt && awaitingDesk(c)) {
    if (!c.warnings.some((w) => w.window === 'response') && due(responseWarningAt(c)) && t < Date.parse(c.responseDueAt)) {
      return { action: 'warn', window: 'response' };
    }
    if (!hasEscalation(c, 1, 'response') && due(new Date(c.responseDueAt))) {
      return { action: 'escalate', level: 1, reason: 'response_overdue', window: 'response' };
    }
  }

  if (awaitingDesk(c)) {
    if (c.reopenCount > 0 && !hasEscalation(c, 2, `reopen-${c.reopenCount}`)) {
      return { action: 'escalate', level: 2, reason: 'resolution_rejected', window: `reopen-${c.reopenCount}` };
    }
    // While paused the resolution clock stands still: no warning, no breach.
    if (!c.pause) {
      const resolutionDue = new Date(c.resolutionDueAt);
      if (!c.warnings.some((w) => w.window === 'resolution') && due(resolutionWarningAt(c, calendar)) && t < resolutionDue.getTime()) {
        return { action: 'warn', window: 'resolution' };
      }
      if (!hasEscalation(c, 2, 'resolution') && due(resolutionDue)) {
        return { action: 'escalate', level: 2, reason: 'resolution_overdue', window: 'resolution' };
      }
    }
    const levelThreeDue = levelThreeDueAt(c, calendar);
    if (levelThreeDue && !hasEscalation(c, 3, 'unresolved') && due(levelThreeDue)) {
      return { action: 'escalate', level: 3, reason: 'still_unresolved', window: 'unresolved' };
    }
  }

  for (const repeat of nextRepeats(c)) {
    if (due(repeat.at)) {
      const { level, reason, window } = repeat.escalation;
      return { action: 'escalate', level, reason, window: `${escalationFamily(window)}#r${repeat.count}` };
    }
  }

  if (c.phase === 'AWAITING_CONFIRMATION') {
    const closing: CloseOutcome | undefined =
      c.confirmation?.decision === 'accept'
        ? 'confirmed'
        : due(new Date(c.confirmationDueAt ?? c.resolvedAt ?? c.receivedAt))
          ? 'auto_confirmed'
          : undefined;
    if (closing) return courierOwed ? { action: 'notify', noticeId: courierOwed.id } : { action: 'close', outcome: closing };
  }

  const kind: WaitKind = c.pause
    ? 'reply'
    : c.phase === 'AWAITING_CONFIRMATION'
      ? 'confirmation'
      : c.firstRespondedAt
        ? 'resolution'
        : 'response';
  // With nothing ahead (breached, acknowledged, waiting on a person) check back daily.
  const until = instants.length
    ? new Date(Math.min(...instants.map((d) => d.getTime())))
    : new Date(t + 24 * HOUR_MS);
  return { action: 'await', kind, until };
}

/**
 * The next step as the state machine reads it. Every field is always present
 * (null when unused): a missing path would fail the state on AWS. `version`
 * lets the wait that follows notice a change made in between.
 */
export interface WorkflowPlan {
  action: NextStep['action'];
  version: number;
  kind: WaitKind | null;
  until: string | null;
  timeoutSeconds: number | null;
  level: EscalationLevel | null;
  reason: EscalationReason | null;
  window: string | null;
  outcome: CloseOutcome | null;
  noticeId: string | null;
}

/**
 * Each step hands the workflow its next plan (and a woken wait carries one),
 * so the state machine routes on it at once instead of spending a Task and
 * its transition asking a planner after every step.
 */
export function workflowPlan(c: Complaint, now: Date, calendar: BusinessCalendar): WorkflowPlan {
  const step = decideNextStep(c, now, calendar);
  return {
    action: step.action,
    version: c.version,
    kind: step.action === 'await' ? step.kind : null,
    until: step.action === 'await' ? step.until.toISOString() : null,
    timeoutSeconds: step.action === 'await' ? Math.max(1, Math.ceil((step.until.getTime() - now.getTime()) / 1000)) : null,
    level: step.action === 'escalate' ? step.level : null,
    reason: step.action === 'escalate' ? step.reason : null,
    window: step.action === 'escalate' || step.action === 'warn' ? step.window : null,
    outcome: step.action === 'close' ? step.outcome : null,
    noticeId: step.action === 'notify' ? step.noticeId : null,
  };
}
