import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { ComplaintId, ComplaintParams, Escalation } from '../schemas.ts';

export const acknowledgeEscalationsRoute = defineRoute({
  method: 'POST',
  path: '/staff/complaints/{id}/escalations/ack',
  handler: 'api/acknowledge-escalations',
  functionName: 'AcknowledgeEscalations',
  access: 'staff',
  groups: ['supervisors'],
  tag: 'Staff',
  summary: 'Acknowledge escalations; stops their repeats',
  request: {
    params: ComplaintParams,
    body: z
      .strictObject({
        level: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
      })
      .default({}),
    examples: {
      all: { summary: 'Every level / 全部级别', value: {} },
      one: { summary: 'Level 2 only / 仅二级', value: { level: 2 } },
    },
  },
  responses: {
    200: {
      description: 'Acknowledged',
      body: z.object({ id: ComplaintId, escalations: z.array(Escalation) }),
    },
  },
  problems: [409],
  capabilities: ['readTable', 'writeTable', 'completeWaits'],
});
