import { reassign } from '#domain/lifecycle/ownership.ts';
import { reassignComplaintRoute } from '#contract/routes/reassign-complaint.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(reassignComplaintRoute)(async ({ params, body: { agentId, team, reason }, staff, clock }) => {
  const now = clock.now();
  const { complaint } = await mutateComplaint(params.id, (c) =>
    reassign(c, staff.username, { id: agentId, ...(team ? { team } : {}) }, reason, now),
  );
  await wakeWorkflow(complaint);
  return {
    statusCode: 200,
    body: { id: complaint.id, owner: complaint.owner },
  };
});
