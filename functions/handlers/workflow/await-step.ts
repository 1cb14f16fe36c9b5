import * as z from 'zod';
import { waitKinds } from '#domain/complaint.ts';
import { registerWait } from '#domain/lifecycle/workflow-bookkeeping.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { completeWait, planFor } from '#adapters/workflow.ts';
import { logger, workflowStep } from './workflow-step.ts';

const AwaitInput = z.object({
  complaintId: z.string().min(1),
  kind: z.enum(waitKinds),
  until: z.iso.datetime(),
  plannedAtVersion: z.int().positive(),
  taskToken: z.string().min(1),
});

/**
 * Stores the task token on the complaint. If the complaint changed since the
 * plan (an agent answered before the workflow got here), it completes its own
 * token at once with the plan from what it found: the event is not lost.
 */
export const handler = workflowStep(AwaitInput, async ({ complaintId, kind, until, plannedAtVersion, taskToken }, clock) => {
  const { complaint } = await mutateComplaint(complaintId, (c) =>
    registerWait(c, { kind, taskToken, until, since: clock.now().toISOString() }, plannedAtVersion),
  );
  if (complaint.wait?.taskToken !== taskToken) {
    await completeWait(taskToken, await planFor(complaint, clock.now()));
    logger.info('complaint changed before the wait began', { complaintId, kind, phase: complaint.phase });
  }
  return { complaintId, kind };
});
