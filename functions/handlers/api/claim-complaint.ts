import { claim } from '#domain/lifecycle.ts';
import { mutateComplaint } from '#adapters/complaint-store.ts';
import { staffIdentity } from '../http/access.ts';
import { apiHandler } from '../http/api-handler.ts';

export const handler = apiHandler(async (request) => {
  const agent = staffIdentity(request, ['agents']);
  const now = request.clock.now();
  const { complaint } = await mutateComplaint(request.pathParameter('id'), (c) => claim(c, agent.username, now));
  return { statusCode: 200, body: { id: complaint.id, owner: complaint.owner, phase: complaint.phase } };
});
