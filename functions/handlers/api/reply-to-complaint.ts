import { customerReply } from '#domain/lifecycle/information-request.ts';
import { replyToComplaintRoute } from '#contract/routes/reply-to-complaint.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { operationalCalendar } from '#adapters/desk-settings.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(replyToComplaintRoute)(async ({ params, body: { message }, clock }) => {
  const now = clock.now();
  const calendar = await operationalCalendar();
  const { complaint } = await mutateComplaint(params.id, (c, seen) => customerReply(c, message, now, calendar, seen.pause?.requestId));
  await wakeWorkflow(complaint);
  return {
    statusCode: 201,
    body: {
      id: complaint.id,
      phase: complaint.phase,
      resolutionDueAt: complaint.resolutionDueAt,
    },
  };
});
