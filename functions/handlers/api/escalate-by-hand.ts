import * as z from 'zod';
import { escalateByHand } from '#domain/lifecycle.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { staffIdentity } from '../http/access.ts';
import { apiHandler, pathShapes } from '../http/api-handler.ts';
import { parseOrThrow } from '../http/problem.ts';

const ManualEscalationSchema = z.strictObject({
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  note: z.string().trim().min(1).max(1000),
});

/** Recorded here, published by the workflow (which owns the topic and retries), woken at once. */
export const handler = apiHandler(async (request) => {
  const supervisor = staffIdentity(request, ['supervisors']);
  const { level, note } = parseOrThrow(ManualEscalationSchema, request.body, request.locale);
  const now = request.clock.now();
  const { complaint } = await mutateComplaint(request.pathParameter('id', pathShapes.complaintId), (c) =>
    escalateByHand(c, supervisor.username, level, note, now),
  );
  await wakeWorkflow(complaint);
  return { statusCode: 202, body: { id: complaint.id, escalationLevel: complaint.escalationLevel, escalations: complaint.escalations } };
});
