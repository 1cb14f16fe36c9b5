import { customerView } from '#domain/timeline.ts';
import { getTimelineRoute } from '#contract/routes/get-timeline.ts';
import { timelinePage } from '#adapters/stores/timeline.ts';
import { routeHandler } from '../http/route-handler.ts';

/** The customer's pages hold only customer-visible events, so a page may be shorter than `limit`. */
export const handler = routeHandler(getTimelineRoute)(async ({ params, query }) => {
  const page = await timelinePage(params.id, query.limit, query.cursor);
  return {
    statusCode: 200,
    body: {
      events: page.events.filter((e) => e.visibleToCustomer).map(customerView),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    },
  };
});
