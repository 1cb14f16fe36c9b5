import * as z from 'zod';
import { waitKinds } from '#domain/complaint.ts';
import { registerWait, waitIsOver } from '#domain/lifecycle.ts';
import { mutateComplaint } from '#adapters/complaint-store.ts';
import { completeWait } from '#adapters/workflow.ts';
import { logger, workflowStep } from './workflow-step.ts';

const AwaitInput = z.object({
  complaintId: z.string().min(1),
  kind: z.enum(waitKinds),
  until: z.iso.datetime(),
  taskToken: z.string().min(1),
});

/**
 * Stores the task token on the complaint. If what it waits for already
 * happened (an agent answered before the workflow got here), it completes its
 * own token at once: the event is not lost.
 */
export const handler = workflowStep(AwaitInput, async ({ complaintId, kind, until, taskToken }, clock) => {
  const { complaint } = await mutateComplaint(complaintId, (c) =>
    registerWait(c, { kind, taskToken, until, since: clock.now().toISOString() }),
  );
  if (waitIsOver(complaint, kind)) {
    await completeWait(taskToken, { phase: complaint.phase });
    logger.info('wait already over', { complaintId, kind, phase: complaint.phase });
  }
  return { complaintId, kind };
});
