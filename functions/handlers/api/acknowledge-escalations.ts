import { acknowledgeEscalations } from '#domain/lifecycle/escalation.ts';
import { acknowledgeEscalationsRoute } from '#contract/routes/acknowledge-escalations.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(acknowledgeEscalationsRoute)(async ({ params, body, staff, clock }) => {
  const now = clock.now();
  const { complaint } = await mutateComplaint(params.id, (c) => acknowledgeEscalations(c, staff.username, body.level, now));
  await wakeWorkflow(complaint);
  return {
    statusCode: 200,
    body: { id: complaint.id, escalations: complaint.escalations },
  };
});
