import { triage } from '#domain/lifecycle/workflow-bookkeeping.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { ComplaintRef, logger, workflowStep } from './workflow-step.ts';

export const handler = workflowStep(ComplaintRef, async ({ complaintId }, clock) => {
  const { complaint } = await mutateComplaint(complaintId, (c) => triage(c, clock.now()));
  logger.info('triaged', { complaintId, phase: complaint.phase });
  return { complaintId, phase: complaint.phase };
});
