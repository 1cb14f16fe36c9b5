import { recordResolution } from '#domain/lifecycle/answer-and-resolve.ts';
import { recordResolutionRoute } from '#contract/routes/record-resolution.ts';
import { operationalCalendar } from '#adapters/desk-settings.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { deliverNewNotices } from '#use-cases/deliver-customer-notices.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(recordResolutionRoute)(async ({ params, body: resolution, staff, clock, request }) => {
  const now = clock.now();
  const calendar = await operationalCalendar();
  const { complaint } = await mutateComplaint(params.id, (c) => recordResolution(c, staff.actor, resolution, now, calendar));
  await deliverNewNotices(complaint, now, {
    baseUrl: publicBaseUrl(request),
    clock,
  });
  await wakeWorkflow(complaint);
  return {
    statusCode: 200,
    body: {
      id: complaint.id,
      phase: complaint.phase,
      confirmationDueAt: complaint.confirmationDueAt,
    },
  };
});
