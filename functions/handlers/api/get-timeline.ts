import * as z from 'zod';
import { customerView } from '#domain/timeline.ts';
import { getComplaint } from '#adapters/stores/complaints.ts';
import { timelinePage } from '#adapters/stores/timeline.ts';
import { assertCustomerAccess } from '../http/access.ts';
import { apiHandler, pathShapes, queryInteger } from '../http/api-handler.ts';
import { parseOrThrow } from '../http/problem.ts';

const PageQuery = z.strictObject({
  limit: queryInteger(1, 200).default(50),
  cursor: z.string().max(2000).optional(),
});

/** The customer's pages hold only customer-visible events, so a page may be shorter than `limit`. */
export const handler = apiHandler(async (request) => {
  const id = request.pathParameter('id', pathShapes.complaintId);
  assertCustomerAccess(request, await getComplaint(id), id);
  const { limit, cursor } = parseOrThrow(PageQuery, request.event.queryStringParameters ?? {}, request.locale, 'query string');
  const page = await timelinePage(id, limit, cursor);
  return {
    statusCode: 200,
    body: { events: page.events.filter((e) => e.visibleToCustomer).map(customerView), ...(page.cursor ? { cursor: page.cursor } : {}) },
  };
}, { readsQuery: true });
