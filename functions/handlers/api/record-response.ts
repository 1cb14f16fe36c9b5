import * as z from 'zod';
import { recordResponse } from '#domain/lifecycle.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { staffIdentity } from '../http/access.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { deliverNewNotices } from '../shared/customer-notices.ts';
import { apiHandler, pathShapes } from '../http/api-handler.ts';
import { parseOrThrow } from '../http/problem.ts';

const ResponseSchema = z.strictObject({ message: z.string().trim().min(1).max(5000) });

export const handler = apiHandler(async (request) => {
  const agent = staffIdentity(request, ['agents']);
  const { message } = parseOrThrow(ResponseSchema, request.body, request.locale);
  const now = request.clock.now();
  const { complaint } = await mutateComplaint(request.pathParameter('id', pathShapes.complaintId), (c) =>
    recordResponse(c, agent.actor, message, now),
  );
  await deliverNewNotices(complaint, now, { baseUrl: publicBaseUrl(request), clock: request.clock });
  await wakeWorkflow(complaint);
  return {
    statusCode: 201,
    body: { id: complaint.id, phase: complaint.phase, firstRespondedAt: complaint.firstRespondedAt },
  };
});
