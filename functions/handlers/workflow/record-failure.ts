import * as z from 'zod';
import { recordFailure } from '#domain/lifecycle/workflow-bookkeeping.ts';
import { workflowFailureAlert } from '#domain/messages.ts';
import { publishOperationsAlert } from '#adapters/alert-publisher.ts';
import { getComplaint, mutateComplaint } from '#adapters/stores/complaints.ts';
import { logger, workflowStep } from './workflow-step.ts';

const FailureInput = z.object({
  complaintId: z.string().min(1),
  error: z.string().nullish(),
  cause: z.string().nullish(),
});

/** The last resort: operations hear of it even when the complaint itself cannot be read. */
export const handler = workflowStep(FailureInput, async ({ complaintId, error, cause }, clock) => {
  const errorName = error ?? 'Unknown';
  logger.error('workflow failed', { complaintId, error: errorName, cause });
  const complaint = await getComplaint(complaintId).catch(() => undefined);
  if (complaint) await mutateComplaint(complaintId, (c) => recordFailure(c, errorName, cause ?? '', clock.now()));
  await publishOperationsAlert(workflowFailureAlert(complaintId, complaint?.caseNumber, errorName));
  return { complaintId, recorded: complaint !== undefined };
});
