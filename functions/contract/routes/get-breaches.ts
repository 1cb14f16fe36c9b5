import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { BreachItem, ReportDate } from '../report-schemas.ts';
import { Cursor, queryInteger } from '../schemas.ts';

export const getBreachesRoute = defineRoute({
  method: 'GET',
  path: '/staff/reports/breaches',
  handler: 'api/get-breaches',
  functionName: 'GetBreaches',
  access: 'staff',
  groups: ['agents', 'supervisors'],
  tag: 'Staff',
  summary: 'Every complaint received in the period that missed a deadline, earliest due first, paged',
  description:
    'One item per missed deadline (a complaint that missed both appears twice). Agents see their own team only. Overdue time runs until the deadline was met late, or until now.',
  request: {
    query: z.strictObject({
      from: ReportDate,
      to: ReportDate,
      limit: queryInteger(1, 200).default(50),
      cursor: Cursor.optional(),
    }),
  },
  responses: {
    200: {
      description: 'One page of breaches',
      body: z.object({
        period: z.object({ from: ReportDate, to: ReportDate, timeZone: z.string() }),
        items: z.array(BreachItem),
        cursor: z.string().optional(),
      }),
    },
  },
  capabilities: ['readTable'],
});
