import { getComplaint, loadCase } from '#adapters/complaint-store.ts';
import { assertCustomerAccess } from '../http/access.ts';
import { apiHandler } from '../http/api-handler.ts';
import { customerCase } from '../http/views.ts';

export const handler = apiHandler(async (request) => {
  const id = request.pathParameter('id');
  assertCustomerAccess(request, await getComplaint(id), id);
  const { complaint, timeline } = await loadCase(id);
  return { statusCode: 200, body: customerCase(complaint, timeline) };
});
