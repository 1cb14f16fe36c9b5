/**
 * Deadlines computed again after filing: a calendar year loaded, or a supervisor re-grading the severity.
 */
import type { BusinessCalendar } from '#domain/business-calendar.ts';
import type { Complaint } from '#domain/complaint.ts';
import { addWorkingTime } from '#domain/working-time.ts';
import { deadlinesAtReceipt } from '#domain/deadlines.ts';
import { policyFor, type Severity, type SlaPolicy, slaTargetsOf } from '#domain/sla-policy.ts';
import { DecisionAlreadyTakenError, phaseConflict } from '#domain/errors.ts';
import { decisionTakenMessage } from '#domain/messages.ts';
import { newEvent } from '#domain/timeline.ts';
import { advance, iso, type Transition, unchanged } from '#domain/lifecycle/transition.ts';

/**
 * When a missing calendar year is loaded, a provisional resolution deadline is
 * computed again from the receipt (with the working time already paused), and
 * the change is on the timeline; a year still missing keeps it provisional.
 */
export function recomputeProvisionalDeadlines(complaint: Complaint, calendar: BusinessCalendar, now: Date): Transition {
  if (!complaint.deadlinesProvisional || complaint.phase === 'CLOSED') return unchanged(complaint);
  const fresh = deadlinesAtReceipt(new Date(complaint.receivedAt), calendar, slaTargetsOf(complaint.policy));
  const original = iso(fresh.resolutionDueAt);
  const resolutionDueAt = iso(addWorkingTime(fresh.resolutionDueAt, complaint.pausedWorkingMs, calendar));
  const events =
    resolutionDueAt === complaint.resolutionDueAt
      ? []
      : [
          newEvent(complaint.id, 'deadline_changed', now, { kind: 'system' }, {
            deadline: 'resolution',
            from: complaint.resolutionDueAt,
            to: resolutionDueAt,
            why: 'calendar_loaded',
          }),
        ];
  return advance(
    complaint,
    { originalResolutionDueAt: original, resolutionDueAt, deadlinesProvisional: fresh.provisional },
    events,
  );
}

/**
 * A supervisor re-grades a complaint (L3 major, say): the targets of the new
 * severity apply from the receipt, as if it had been graded so at filing, and
 * every deadline that moves is on the timeline; a response already given
 * keeps its deadline met. Two supervisors re-grading at once: the first
 * stands, the second to the same severity is answered as the first, the
 * second to another is refused.
 */
export function regrade(
  complaint: Complaint,
  change: {
    severity: Severity;
    reason: string;
    by: string;
    policy: SlaPolicy;
    /** The severity the supervisor re-graded from; another supervisor's re-grade since then stands. */
    from?: Severity;
  },
  calendar: BusinessCalendar,
  now: Date,
): Transition {
  if (complaint.phase === 'CLOSED') throw phaseConflict('re-grade', complaint.phase);
  if (complaint.severity === change.severity) return unchanged(complaint);
  const { regraded } = complaint;
  if (change.from !== undefined && change.from !== complaint.severity && regraded) {
    throw new DecisionAlreadyTakenError(
      decisionTakenMessage({ about: 'severity', severity: complaint.severity, by: regraded.by }, regraded.at, complaint.timeZone),
      { severity: complaint.severity, by: regraded.by, decidedAt: regraded.at },
    );
  }
  const policy = policyFor(change.policy, { severity: change.severity, tier: complaint.tier, category: complaint.category });
  const fresh = deadlinesAtReceipt(new Date(complaint.receivedAt), calendar, slaTargetsOf(policy));
  const responseDueAt = complaint.firstRespondedAt ? complaint.responseDueAt : iso(fresh.responseDueAt);
  const resolutionDueAt = iso(addWorkingTime(fresh.resolutionDueAt, complaint.pausedWorkingMs, calendar));
  const actor = { kind: 'supervisor' as const, id: change.by };
  const moved = [
    ['response', complaint.responseDueAt, responseDueAt],
    ['resolution', complaint.resolutionDueAt, resolutionDueAt],
  ].filter(([, from, to]) => from !== to);
  return advance(
    complaint,
    {
      severity: change.severity,
      regraded: { by: change.by, at: iso(now) },
      policy,
      responseDueAt,
      resolutionDueAt,
      originalResolutionDueAt: iso(fresh.resolutionDueAt),
      deadlinesProvisional: fresh.provisional,
    },
    [
      newEvent(complaint.id, 'severity_changed', now, actor, {
        from: complaint.severity,
        to: change.severity,
        reason: change.reason,
        policy: { version: policy.version, applied: policy.applied },
      }),
      ...moved.map(([deadline, from, to]) =>
        newEvent(complaint.id, 'deadline_changed', now, actor, { deadline, from, to, why: 'severity_changed' }),
      ),
    ],
  );
}
