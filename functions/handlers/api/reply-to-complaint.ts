import * as z from 'zod';
import { customerReply } from '#domain/lifecycle.ts';
import { getComplaint, mutateComplaint } from '#adapters/stores/complaints.ts';
import { operationalCalendar } from '#adapters/desk-settings.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { assertCustomerAccess } from '../http/access.ts';
import { apiHandler, pathShapes } from '../http/api-handler.ts';
import { parseOrThrow } from '../http/problem.ts';

const ReplySchema = z.strictObject({ message: z.string().trim().min(1).max(5000) });

export const handler = apiHandler(async (request) => {
  const id = request.pathParameter('id', pathShapes.complaintId);
  assertCustomerAccess(request, await getComplaint(id), id);
  const { message } = parseOrThrow(ReplySchema, request.body, request.locale);
  const now = request.clock.now();
  const calendar = await operationalCalendar();
  const { complaint } = await mutateComplaint(id, (c) => customerReply(c, message, now, calendar));
  await wakeWorkflow(complaint);
  return { statusCode: 201, body: { id: complaint.id, phase: complaint.phase, resolutionDueAt: complaint.resolutionDueAt } };
});
