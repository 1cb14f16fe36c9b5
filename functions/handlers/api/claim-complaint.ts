import { claimComplaintRoute } from '#contract/routes/claim-complaint.ts';
import { claimComplaint } from '#use-cases/claim-complaint.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(claimComplaintRoute)(async ({ params, staff, clock }) => ({
  statusCode: 200,
  body: await claimComplaint({ complaintId: params.id, actor: staff.actor, now: clock.now() }),
}));
