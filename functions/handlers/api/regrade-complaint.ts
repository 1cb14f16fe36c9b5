import { regradeComplaintRoute } from '#contract/routes/regrade-complaint.ts';
import { regradeComplaint } from '#use-cases/regrade-complaint.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(regradeComplaintRoute)(async ({ params, body: { severity, reason }, staff, clock }) => ({
  statusCode: 200,
  body: await regradeComplaint({ complaintId: params.id, username: staff.username, severity, reason, now: clock.now() }),
}));
