import { recordResponse } from '#domain/lifecycle/answer-and-resolve.ts';
import { recordResponseRoute } from '#contract/routes/record-response.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { deliverNewNotices } from '#use-cases/deliver-customer-notices.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(recordResponseRoute)(async ({ params, body: { message }, staff, clock, request }) => {
  const now = clock.now();
  const { complaint } = await mutateComplaint(params.id, (c) => recordResponse(c, staff.actor, message, now));
  await deliverNewNotices(complaint, now, {
    baseUrl: publicBaseUrl(request),
    clock,
  });
  await wakeWorkflow(complaint);
  return {
    statusCode: 201,
    body: {
      id: complaint.id,
      phase: complaint.phase,
      firstRespondedAt: complaint.firstRespondedAt,
    },
  };
});
