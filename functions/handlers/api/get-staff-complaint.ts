import { getStaffComplaintRoute } from '#contract/routes/get-staff-complaint.ts';
import { viewStaffCase } from '#use-cases/view-staff-case.ts';
import { assertStaffMayView } from '../http/access.ts';
import { routeHandler } from '../http/route-handler.ts';
import { staffCase } from '../http/views.ts';

export const handler = routeHandler(getStaffComplaintRoute)(async ({ params, staff, request, clock }) => {
  const { complaint, timeline, similar, clocks } = await viewStaffCase({
    complaintId: params.id,
    mayView: (c) => assertStaffMayView(request, staff, c),
    now: clock.now(),
  });
  return { statusCode: 200, body: { ...staffCase(complaint, timeline), clocks, similarCases: similar } };
});
