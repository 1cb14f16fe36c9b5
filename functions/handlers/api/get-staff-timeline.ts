import { complaintNotFound } from '#domain/errors.ts';
import { getStaffTimelineRoute } from '#contract/routes/get-staff-timeline.ts';
import { getComplaint } from '#adapters/stores/complaints.ts';
import { timelinePage } from '#adapters/stores/timeline.ts';
import { assertStaffMayView } from '../http/access.ts';
import { routeHandler } from '../http/route-handler.ts';

/** The audit trail: every event with its actor, time and details, oldest first. */
export const handler = routeHandler(getStaffTimelineRoute)(async ({ params, query, staff, request }) => {
  const complaint = await getComplaint(params.id);
  if (!complaint) throw complaintNotFound(params.id);
  assertStaffMayView(request, staff, complaint);
  const page = await timelinePage(params.id, query.limit, query.cursor);
  return {
    statusCode: 200,
    body: {
      events: page.events.map(({ complaintId: _id, key: _key, ...event }) => event),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    },
  };
});
