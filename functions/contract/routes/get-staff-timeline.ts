import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { ComplaintParams, PageQuery, StaffTimelineEvent } from '../schemas.ts';

export const getStaffTimelineRoute = defineRoute({
  method: 'GET',
  path: '/staff/complaints/{id}/timeline',
  handler: 'api/get-staff-timeline',
  functionName: 'GetStaffTimeline',
  access: 'staff',
  groups: ['agents', 'supervisors'],
  tag: 'Staff',
  summary: 'Page through the audit trail',
  request: { params: ComplaintParams, query: PageQuery },
  responses: {
    200: {
      description: 'One page of events, oldest first',
      body: z.object({
        events: z.array(StaffTimelineEvent),
        cursor: z.string().optional(),
      }),
    },
  },
  capabilities: ['readTable'],
});
