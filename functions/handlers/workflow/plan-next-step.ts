import { decideNextStep } from '#domain/lifecycle.ts';
import { loadComplaint } from '#adapters/complaint-store.ts';
import { ComplaintRef, workflowStep } from './workflow-step.ts';

/**
 * The ASL reads every field, so each is always present (null when unused):
 * a missing path would fail the state on AWS.
 */
export const handler = workflowStep(ComplaintRef, async ({ complaintId }, clock) => {
  const now = clock.now();
  const step = decideNextStep(await loadComplaint(complaintId), now);
  return {
    action: step.action,
    kind: step.action === 'await' ? step.kind : null,
    until: step.action === 'await' ? step.until.toISOString() : null,
    timeoutSeconds: step.action === 'await' ? Math.max(1, Math.ceil((step.until.getTime() - now.getTime()) / 1000)) : null,
    level: step.action === 'escalate' ? step.level : null,
    reason: step.action === 'escalate' ? step.reason : null,
    window: step.action === 'escalate' ? step.window : null,
    outcome: step.action === 'close' ? step.outcome : null,
  };
});
