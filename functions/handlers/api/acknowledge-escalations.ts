import * as z from 'zod';
import { acknowledgeEscalations } from '#domain/lifecycle.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { staffIdentity } from '../http/access.ts';
import { apiHandler, pathShapes } from '../http/api-handler.ts';
import { parseOrThrow } from '../http/problem.ts';

const AckSchema = z.strictObject({ level: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional() }).default({});

export const handler = apiHandler(async (request) => {
  const supervisor = staffIdentity(request, ['supervisors']);
  const { level } = parseOrThrow(AckSchema, request.body, request.locale);
  const now = request.clock.now();
  const { complaint } = await mutateComplaint(request.pathParameter('id', pathShapes.complaintId), (c) =>
    acknowledgeEscalations(c, supervisor.username, level, now),
  );
  await wakeWorkflow(complaint);
  return { statusCode: 200, body: { id: complaint.id, escalations: complaint.escalations } };
});
