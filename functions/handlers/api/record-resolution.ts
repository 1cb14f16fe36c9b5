import { ResolutionSchema } from '#domain/complaint.ts';
import { recordResolution } from '#domain/lifecycle.ts';
import { operationalCalendar } from '#adapters/desk-settings.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { staffIdentity } from '../http/access.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { deliverNewNotices } from '../shared/customer-notices.ts';
import { apiHandler, pathShapes } from '../http/api-handler.ts';
import { parseOrThrow } from '../http/problem.ts';


export const handler = apiHandler(async (request) => {
  const agent = staffIdentity(request, ['agents']);
  const resolution = parseOrThrow(ResolutionSchema, request.body, request.locale);
  const now = request.clock.now();
  const calendar = await operationalCalendar();
  const { complaint } = await mutateComplaint(request.pathParameter('id', pathShapes.complaintId), (c) =>
    recordResolution(c, agent.actor, resolution, now, calendar),
  );
  await deliverNewNotices(complaint, now, { baseUrl: publicBaseUrl(request), clock: request.clock });
  await wakeWorkflow(complaint);
  return {
    statusCode: 200,
    body: { id: complaint.id, phase: complaint.phase, confirmationDueAt: complaint.confirmationDueAt },
  };
});
