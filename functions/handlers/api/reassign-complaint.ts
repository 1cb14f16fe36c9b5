import * as z from 'zod';
import { reassign } from '#domain/lifecycle.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { wakeWorkflow } from '#adapters/workflow.ts';
import { staffIdentity } from '../http/access.ts';
import { apiHandler, pathShapes } from '../http/api-handler.ts';
import { parseOrThrow } from '../http/problem.ts';

const AssignmentSchema = z.strictObject({
  agentId: z.string().regex(/^[\w.@-]{1,64}$/, 'an agent user name'),
  /** The agent's team, so their teammates may act on the case too; omitted, the case has no team. */
  team: z.string().regex(/^[\w-]{1,64}$/, 'a team name: letters, digits, _ and -').optional(),
  reason: z.string().trim().min(1).max(1000),
});

export const handler = apiHandler(async (request) => {
  const supervisor = staffIdentity(request, ['supervisors']);
  const { agentId, team, reason } = parseOrThrow(AssignmentSchema, request.body, request.locale);
  const now = request.clock.now();
  const { complaint } = await mutateComplaint(request.pathParameter('id', pathShapes.complaintId), (c) =>
    reassign(c, supervisor.username, { id: agentId, ...(team ? { team } : {}) }, reason, now),
  );
  await wakeWorkflow(complaint);
  return { statusCode: 200, body: { id: complaint.id, owner: complaint.owner } };
});
