import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { ComplaintParams, CustomerTimelineEvent, PageQuery } from '../schemas.ts';

export const getTimelineRoute = defineRoute({
  method: 'GET',
  path: '/complaints/{id}/timeline',
  handler: 'api/get-timeline',
  functionName: 'GetTimeline',
  access: 'customer',
  tag: 'Customer',
  summary: 'Page through the customer-visible events',
  description: 'A page holds only customer-visible events, so it may be shorter than `limit`.',
  request: { params: ComplaintParams, query: PageQuery },
  responses: {
    200: {
      description: 'One page of events, oldest first',
      body: z.object({
        events: z.array(CustomerTimelineEvent),
        cursor: z.string().optional(),
      }),
    },
  },
  capabilities: ['readTable'],
});
