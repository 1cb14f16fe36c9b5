import * as z from 'zod';
import { complaintNotFound } from '#domain/errors.ts';
import { getComplaint } from '#adapters/stores/complaints.ts';
import { timelinePage } from '#adapters/stores/timeline.ts';
import { assertStaffMayView, staffIdentity } from '../http/access.ts';
import { apiHandler, pathShapes, queryInteger } from '../http/api-handler.ts';
import { parseOrThrow } from '../http/problem.ts';

const PageQuery = z.strictObject({
  limit: queryInteger(1, 200).default(50),
  cursor: z.string().max(2000).optional(),
});

/** The audit trail: every event with its actor, time and details, oldest first. */
export const handler = apiHandler(async (request) => {
  const staff = staffIdentity(request, ['agents', 'supervisors']);
  const id = request.pathParameter('id', pathShapes.complaintId);
  const { limit, cursor } = parseOrThrow(PageQuery, request.event.queryStringParameters ?? {}, request.locale, 'query string');
  const complaint = await getComplaint(id);
  if (!complaint) throw complaintNotFound(id);
  assertStaffMayView(request, staff, complaint);
  const page = await timelinePage(id, limit, cursor);
  return {
    statusCode: 200,
    body: {
      events: page.events.map(({ complaintId: _id, key: _key, ...event }) => event),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    },
  };
}, { readsQuery: true });
