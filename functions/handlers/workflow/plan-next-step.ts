import { decideNextStep } from '#domain/sla-plan.ts';
import { loadComplaint } from '#adapters/stores/complaints.ts';
import { operationalCalendar } from '#adapters/desk-settings.ts';
import { ComplaintRef, workflowStep } from './workflow-step.ts';

/**
 * The ASL reads every field, so each is always present (null when unused):
 * a missing path would fail the state on AWS. `version` lets the wait that
 * follows notice a change made in between.
 */
export const handler = workflowStep(ComplaintRef, async ({ complaintId }, clock) => {
  const now = clock.now();
  const complaint = await loadComplaint(complaintId);
  const step = decideNextStep(complaint, now, await operationalCalendar());
  return {
    action: step.action,
    version: complaint.version,
    kind: step.action === 'await' ? step.kind : null,
    until: step.action === 'await' ? step.until.toISOString() : null,
    timeoutSeconds: step.action === 'await' ? Math.max(1, Math.ceil((step.until.getTime() - now.getTime()) / 1000)) : null,
    level: step.action === 'escalate' ? step.level : null,
    reason: step.action === 'escalate' ? step.reason : null,
    window: step.action === 'escalate' || step.action === 'warn' ? step.window : null,
    outcome: step.action === 'close' ? step.outcome : null,
    noticeId: step.action === 'notify' ? step.noticeId : null,
  };
});
