import { claim } from '#domain/lifecycle.ts';
import { mutateComplaint } from '#adapters/stores/complaints.ts';
import { staffIdentity } from '../http/access.ts';
import { NoBody, apiHandler, pathShapes } from '../http/api-handler.ts';
import { parseOrThrow } from '../http/problem.ts';

export const handler = apiHandler(async (request) => {
  const agent = staffIdentity(request, ['agents']);
  parseOrThrow(NoBody, request.body, request.locale);
  const now = request.clock.now();
  const { complaint } = await mutateComplaint(request.pathParameter('id', pathShapes.complaintId), (c) => claim(c, agent.actor, now));
  return { statusCode: 200, body: { id: complaint.id, owner: complaint.owner, phase: complaint.phase } };
});
