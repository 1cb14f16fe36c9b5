import { getComplaintRoute } from '#contract/routes/get-complaint.ts';
import { loadCase } from '#adapters/stores/complaints.ts';
import { routeHandler } from '../http/route-handler.ts';
import { customerCase } from '../http/views.ts';

export const handler = routeHandler(getComplaintRoute)(async ({ params }) => {
  const { complaint, timeline } = await loadCase(params.id);
  return { statusCode: 200, body: customerCase(complaint, timeline) };
});
