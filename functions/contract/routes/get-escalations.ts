import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { CaseCategory, ComplaintId, Cursor, Severity, queryInteger } from '../schemas.ts';

export const OpenEscalation = z
  .object({
    complaintId: ComplaintId,
    caseNumber: z.string(),
    subject: z.string(),
    category: CaseCategory,
    severity: Severity,
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    reason: z.string(),
    window: z.string().meta({ description: 'The deadline window escalated; a repeat of an unacknowledged one ends in `#r<n>`' }),
    at: z.iso.datetime({ offset: true }),
    owner: z.string().nullable(),
  })
  .meta({ id: 'OpenEscalation' });

export const getEscalationsRoute = defineRoute({
  method: 'GET',
  path: '/staff/escalations',
  handler: 'api/get-escalations',
  functionName: 'GetEscalations',
  access: 'staff',
  groups: ['supervisors'],
  tag: 'Staff',
  summary: 'Unacknowledged escalations on open cases, highest level first, then oldest',
  description: 'Acknowledge them with POST /staff/complaints/{id}/escalations/ack.',
  request: {
    query: z.strictObject({
      level: queryInteger(1, 3).optional().meta({ description: 'Only escalations of this level' }),
      limit: queryInteger(1, 100).default(25),
      cursor: Cursor.optional(),
    }),
  },
  responses: {
    200: {
      description: 'One page of unacknowledged escalations',
      body: z.object({ items: z.array(OpenEscalation), cursor: z.string().optional() }),
    },
  },
  capabilities: ['readTable'],
});
