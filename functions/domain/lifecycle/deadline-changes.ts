/**
 * Deadlines computed again after filing: a calendar year loaded, a supervisor
 * re-grading the severity, or the desk picking the category.
 */
import type { BusinessCalendar } from '#domain/business-calendar.ts';
import type { CaseCategory, Category, Complaint, StaffActor } from '#domain/complaint.ts';
import { addWorkingTime } from '#domain/working-time.ts';
import { deadlinesAtReceipt } from '#domain/deadlines.ts';
import { type PolicyInForce, policyFor, type Severity, type SlaPolicy, slaTargetsOf } from '#domain/sla-policy.ts';
import { DecisionAlreadyTakenError, phaseConflict } from '#domain/errors.ts';
import { decisionTakenMessage } from '#domain/messages.ts';
import { findRepeatOf } from '#domain/repeat.ts';
import { type Actor, newEvent, type TimelineEvent } from '#domain/timeline.ts';
import { advance, iso, type Transition, unchanged } from '#domain/lifecycle/transition.ts';
import { assertMayActOn } from '#domain/lifecycle/ownership.ts';

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
  const actor = { kind: 'supervisor' as const, id: change.by };
  const { patch, moved } = deadlinesFromReceipt(complaint, policy, calendar, now, actor, 'severity_changed');
  return advance(complaint, { ...patch, severity: change.severity, regraded: { by: change.by, at: iso(now) } }, [
    newEvent(complaint.id, 'severity_changed', now, actor, {
      from: complaint.severity,
      to: change.severity,
      reason: change.reason,
      policy: { version: policy.version, applied: policy.applied },
    }),
    ...moved,
  ]);
}

/**
 * The deadlines a new policy sets from the receipt, as if the complaint had
 * been filed under it, and a `deadline_changed` event for each that moves; a
 * response already given keeps its deadline met.
 */
function deadlinesFromReceipt(
  complaint: Complaint,
  policy: PolicyInForce,
  calendar: BusinessCalendar,
  now: Date,
  actor: Actor,
  why: 'severity_changed' | 'category_changed',
): { patch: Partial<Complaint>; moved: TimelineEvent[] } {
  const fresh = deadlinesAtReceipt(new Date(complaint.receivedAt), calendar, slaTargetsOf(policy));
  const responseDueAt = complaint.firstRespondedAt ? complaint.responseDueAt : iso(fresh.responseDueAt);
  const resolutionDueAt = iso(addWorkingTime(fresh.resolutionDueAt, complaint.pausedWorkingMs, calendar));
  const moved = [
    ['response', complaint.responseDueAt, responseDueAt],
    ['resolution', complaint.resolutionDueAt, resolutionDueAt],
  ]
    .filter(([, from, to]) => from !== to)
    .map(([deadline, from, to]) => newEvent(complaint.id, 'deadline_changed', now, actor, { deadline, from, to, why }));
  return {
    patch: {
      policy,
      responseDueAt,
      resolutionDueAt,
      originalResolutionDueAt: iso(fresh.resolutionDueAt),
      deadlinesProvisional: fresh.provisional,
    },
    moved,
  };
}

/** Who picks a category: an agent, or a supervisor (who may act on any case). */
export type CategoryPicker = StaffActor & { role: 'agent' | 'supervisor' };

/**
 * The desk picks a case's category: the one triage left `uncertain`, or a
 * correction of any other. An agent may pick on the cases they may act on
 * (the unassigned pool, their own, their team's) without claiming it; a
 * supervisor on any. The category's targets apply from the receipt, as
 * re-grading does, each deadline that moves on the timeline. The repeat link
 * is judged again for the pick against the customer's other complaints
 * (`earlier`) when they are given. Triage's own decision stays on the
 * complaint (`triage`), so reports can still tell a case was filed
 * uncertain. Two staff picking at once: the first stands, the second to the
 * same category is answered as the first, the second to another is refused.
 */
export function recategorise(
  complaint: Complaint,
  change: {
    category: Category;
    reason?: string | undefined;
    by: CategoryPicker;
    policy: SlaPolicy;
    /** The category the picker saw; another pick since then stands. */
    from?: CaseCategory;
    /** The customer's complaints of the 30 days before this one: the repeat is judged again for the pick. */
    earlier?: readonly Pick<Complaint, 'id' | 'caseNumber' | 'category' | 'receivedAt'>[];
  },
  calendar: BusinessCalendar,
  now: Date,
): Transition {
  if (complaint.phase === 'CLOSED') throw phaseConflict('pick the category of', complaint.phase);
  if (change.by.role === 'agent') assertMayActOn(complaint, change.by, 'pick the category');
  if (complaint.category === change.category) return unchanged(complaint);
  const { categorised } = complaint;
  if (change.from !== undefined && change.from !== complaint.category && categorised) {
    throw new DecisionAlreadyTakenError(
      decisionTakenMessage({ about: 'category', category: complaint.category, by: categorised.by }, categorised.at, complaint.timeZone),
      { category: complaint.category, by: categorised.by, decidedAt: categorised.at },
    );
  }
  const policy = policyFor(change.policy, { severity: complaint.severity, tier: complaint.tier, category: change.category });
  const actor = { kind: change.by.role, id: change.by.id };
  const { patch, moved } = deadlinesFromReceipt(complaint, policy, calendar, now, actor, 'category_changed');
  const repeatOf = change.earlier ? findRepeatOf(change.earlier, change.category, new Date(complaint.receivedAt), complaint.id) : complaint.repeatOf;
  const repeatChanged = repeatOf?.id !== complaint.repeatOf?.id;
  return advance(
    complaint,
    { ...patch, category: change.category, categorySource: 'agent', categorised: { by: change.by.id, at: iso(now) }, repeatOf },
    [
      newEvent(complaint.id, 'category_changed', now, actor, {
        from: complaint.category,
        to: change.category,
        ...(change.reason ? { reason: change.reason } : {}),
        policy: { version: policy.version, applied: policy.applied },
        ...(repeatChanged ? { repeatOf: repeatOf?.caseNumber ?? null } : {}),
      }),
      ...moved,
    ],
  );
}
