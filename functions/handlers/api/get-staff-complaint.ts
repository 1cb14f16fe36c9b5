import { loadCase } from '#adapters/complaint-store.ts';
import { staffIdentity } from '../http/access.ts';
import { apiHandler } from '../http/api-handler.ts';
import { staffCase } from '../http/views.ts';

export const handler = apiHandler(async (request) => {
  staffIdentity(request, ['agents', 'supervisors']);
  const { complaint, timeline } = await loadCase(request.pathParameter('id'));
  return { statusCode: 200, body: staffCase(complaint, timeline) };
});
