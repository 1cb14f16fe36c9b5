import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { ComplaintId, ComplaintParams, Owner } from '../schemas.ts';

export const reassignComplaintRoute = defineRoute({
  method: 'POST',
  path: '/staff/complaints/{id}/assignment',
  handler: 'api/reassign-complaint',
  functionName: 'ReassignComplaint',
  access: 'staff',
  groups: ['supervisors'],
  tag: 'Staff',
  summary: 'Reassign the case to another agent',
  request: {
    params: ComplaintParams,
    body: z.strictObject({
      agentId: z.string().regex(/^[\w.@-]{1,64}$/, 'an agent user name'),
      team: z
        .string()
        .regex(/^[\w-]{1,64}$/, 'a team name: letters, digits, _ and -')
        .optional(),
      reason: z.string().trim().min(1).max(1000),
    }),
    examples: {
      zh: {
        summary: '转派（中文原因）',
        value: { agentId: 'li.na', team: 'east', reason: '原客服休假' },
      },
      en: {
        summary: 'Reassign',
        value: { agentId: 'sam', reason: 'Billing specialist' },
      },
    },
  },
  responses: {
    200: {
      description: 'Reassigned',
      body: z.object({ id: ComplaintId, owner: Owner.optional() }),
    },
  },
  problems: [409],
  capabilities: ['readTable', 'writeTable', 'completeWaits'],
});
