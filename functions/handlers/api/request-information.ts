import * as z from 'zod';
import { ulid } from 'ulid';
import { requestInformation } from '#domain/lifecycle.ts';
import { addWorkingDays } from '#domain/working-time.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { operationalCalendar } from '#adapters/desk-settings.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { staffIdentity } from '../http/access.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { deliverNewNotices } from '../shared/customer-notices.ts';
import { apiHandler, pathShapes } from '../http/api-handler.ts';
import { parseOrThrow } from '../http/problem.ts';

const InfoRequestSchema = z.strictObject({ question: z.string().trim().min(1).max(2000) });

export const handler = apiHandler(async (request) => {
  const agent = staffIdentity(request, ['agents']);
  const { question } = parseOrThrow(InfoRequestSchema, request.body, request.locale);
  const now = request.clock.now();
  const calendar = await operationalCalendar();
  const { complaint } = await mutateComplaint(request.pathParameter('id', pathShapes.complaintId), (c) =>
    requestInformation(
      c,
      agent.actor,
      { requestId: ulid(now.getTime()), question, expiresAt: addWorkingDays(now, c.policy.infoRequestWorkingDays, calendar) },
      now,
    ),
  );
  await deliverNewNotices(complaint, now, { baseUrl: publicBaseUrl(request), clock: request.clock });
  await wakeWorkflow(complaint);
  return { statusCode: 201, body: { id: complaint.id, phase: complaint.phase, pause: complaint.pause } };
});
