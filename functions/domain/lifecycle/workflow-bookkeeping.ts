/**
 * What the workflow records about its own progress: triage, the acknowledgement, its waits and its failures.
 */
import type { Complaint, PendingWait } from '#domain/complaint.ts';
import { newEvent } from '#domain/timeline.ts';
import { advance, iso, type Transition, unchanged } from '#domain/lifecycle/transition.ts';

export function triage(complaint: Complaint, now: Date): Transition {
  if (complaint.phase !== 'RECEIVED') return unchanged(complaint);
  return advance(complaint, { phase: 'AWAITING_RESPONSE' }, [
    newEvent(complaint.id, 'triaged', now, { kind: 'system' }, {
      category: complaint.category,
      categorySource: complaint.categorySource,
      severity: complaint.severity,
      ...(complaint.triage
        ? {
            sentiment: complaint.triage.sentiment.score,
            evidence: complaint.triage.category.evidence,
            severityReasons: complaint.triage.severity.reasons,
            ...(complaint.triage.category.mismatch ? { categoryMismatch: complaint.triage.category.mismatch } : {}),
            risk: complaint.triage.risk,
          }
        : {}),
      ...(complaint.repeatOf ? { repeatOf: complaint.repeatOf.caseNumber } : {}),
      responseDueAt: complaint.responseDueAt,
      resolutionDueAt: complaint.resolutionDueAt,
    }),
  ]);
}

export function markAcknowledged(complaint: Complaint, now: Date, messageId: string | undefined): Transition {
  if (complaint.acknowledgedAt) return unchanged(complaint);
  return advance(complaint, { acknowledgedAt: iso(now) }, [
    newEvent(complaint.id, 'acknowledgement_sent', now, { kind: 'system' }, {
      locale: complaint.customer.locale,
      ...(messageId ? { messageId } : {}),
    }),
  ]);
}

/**
 * A wait planned on a version that is no longer current is stale: something
 * happened between the plan and the wait (an agent answered, a supervisor
 * escalated), so the workflow must plan again instead of waiting.
 */
export function waitIsStale(complaint: Complaint, plannedAtVersion: number): boolean {
  return complaint.version !== plannedAtVersion;
}

/**
 * A stale wait is not stored (the caller completes it at once);
 * the timeline only hears of a wait when what is awaited or its deadline changes,
 * so daily rechecks after an escalation do not flood it.
 */
export function registerWait(complaint: Complaint, wait: PendingWait, plannedAtVersion: number): Transition {
  if (waitIsStale(complaint, plannedAtVersion)) return unchanged(complaint);
  const announced = complaint.wait?.kind === wait.kind && complaint.wait.until === wait.until;
  const events = announced
    ? []
    : [newEvent(complaint.id, 'waiting', wait.since, { kind: 'system' }, { kind: wait.kind, until: wait.until })];
  return advance(complaint, { wait }, events);
}

/** Once per failure: RecordFailure retried (its alert failed to publish) finds it recorded. */
export function recordFailure(complaint: Complaint, error: string, cause: string, now: Date): Transition {
  if (complaint.failure?.error === error && complaint.failure.cause === cause) return unchanged(complaint);
  return advance(complaint, { failure: { error, cause, at: iso(now) } }, [
    newEvent(complaint.id, 'workflow_failed', now, { kind: 'system' }, { error, cause }),
  ]);
}
