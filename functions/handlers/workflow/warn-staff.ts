import * as z from 'zod';
import { markWarningPublished, warn } from '#domain/lifecycle/escalation.ts';
import { warningAlert } from '#domain/messages.ts';
import { publishEscalation } from '#adapters/alert-publisher.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { planFor } from '#adapters/workflow.ts';
import { logger, workflowStep } from './workflow-step.ts';

const WarnInput = z.object({ complaintId: z.string().min(1), window: z.enum(['response', 'resolution']) });

/** Recorded, published, marked: once per window even when the step is retried. */
export const handler = workflowStep(WarnInput, async ({ complaintId, window }, clock) => {
  const { complaint } = await mutateComplaint(complaintId, (c) => warn(c, window, clock.now()));
  if (complaint.warnings.find((w) => w.window === window)?.publishedAt) {
    return { complaintId, window, published: false, plan: await planFor(complaint, clock.now()) };
  }
  await publishEscalation(warningAlert(complaint, window, complaint.policy.targets.warningThreshold));
  const { complaint: published } = await mutateComplaint(complaintId, (c) => markWarningPublished(c, window, clock.now()));
  logger.info('warned before breach', { complaintId, window, owner: complaint.owner?.agentId });
  return { complaintId, window, published: true, plan: await planFor(published, clock.now()) };
});
