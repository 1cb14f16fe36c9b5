import { ulid } from 'ulid';
import { requestInformation } from '#domain/lifecycle/information-request.ts';
import { addWorkingDays } from '#domain/working-time.ts';
import { requestInformationRoute } from '#contract/routes/request-information.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { operationalCalendar } from '#adapters/desk-settings.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { deliverNewNotices } from '#use-cases/deliver-customer-notices.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(requestInformationRoute)(async ({ params, body: { question }, staff, clock, request }) => {
  const now = clock.now();
  const calendar = await operationalCalendar();
  const { complaint } = await mutateComplaint(params.id, (c) =>
    requestInformation(
      c,
      staff.actor,
      {
        requestId: ulid(now.getTime()),
        question,
        expiresAt: addWorkingDays(now, c.policy.infoRequestWorkingDays, calendar),
      },
      now,
    ),
  );
  await deliverNewNotices(complaint, now, {
    baseUrl: publicBaseUrl(request),
    clock,
  });
  await wakeWorkflow(complaint);
  return {
    statusCode: 201,
    body: { id: complaint.id, phase: complaint.phase, pause: complaint.pause },
  };
});
