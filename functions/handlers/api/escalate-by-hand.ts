import { escalateByHand } from '#domain/lifecycle/escalation.ts';
import { escalateByHandRoute } from '#contract/routes/escalate-by-hand.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { routeHandler } from '../http/route-handler.ts';

/** Recorded here, published by the workflow (which owns the topic and retries), woken at once. */
export const handler = routeHandler(escalateByHandRoute)(async ({ params, body, staff, clock }) => {
  const now = clock.now();
  const { complaint } = await mutateComplaint(params.id, (c) => escalateByHand(c, staff.username, body.level, body.note, now));
  await wakeWorkflow(complaint);
  return {
    statusCode: 202,
    body: {
      id: complaint.id,
      escalationLevel: complaint.escalationLevel,
      escalations: complaint.escalations,
    },
  };
});
