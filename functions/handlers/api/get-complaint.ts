import { getComplaintRoute } from '#contract/routes/get-complaint.ts';
import { viewCustomerCase } from '#use-cases/view-customer-case.ts';
import { routeHandler } from '../http/route-handler.ts';
import { customerCase } from '../http/views.ts';

export const handler = routeHandler(getComplaintRoute)(async ({ params }) => {
  const { complaint, timeline, surveyToken } = await viewCustomerCase(params.id);
  return { statusCode: 200, body: customerCase(complaint, timeline, surveyToken) };
});
