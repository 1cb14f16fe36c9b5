import { reassignComplaintRoute } from '#contract/routes/reassign-complaint.ts';
import { reassignComplaint } from '#use-cases/reassign-complaint.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(reassignComplaintRoute)(async ({ params, body: { agentId, team, reason }, staff, clock }) => ({
  statusCode: 200,
  body: await reassignComplaint({ complaintId: params.id, username: staff.username, agentId, team, reason, now: clock.now() }),
}));
