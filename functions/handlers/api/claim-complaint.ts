import { claim } from '#domain/lifecycle/ownership.ts';
import { claimComplaintRoute } from '#contract/routes/claim-complaint.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(claimComplaintRoute)(async ({ params, staff, clock }) => {
  const now = clock.now();
  const { complaint } = await mutateComplaint(params.id, (c) => claim(c, staff.actor, now));
  return {
    statusCode: 200,
    body: { id: complaint.id, owner: complaint.owner!, phase: complaint.phase },
  };
});
