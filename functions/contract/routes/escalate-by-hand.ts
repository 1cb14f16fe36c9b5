import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { ComplaintId, ComplaintParams, Escalation } from '../schemas.ts';

export const escalateByHandRoute = defineRoute({
  method: 'POST',
  path: '/staff/complaints/{id}/escalations',
  handler: 'api/escalate-by-hand',
  functionName: 'EscalateByHand',
  access: 'staff',
  groups: ['supervisors'],
  tag: 'Staff',
  summary: 'Escalate by hand to a level',
  description: 'Recorded here and published by the workflow, which owns the topic and its retries.',
  request: {
    params: ComplaintParams,
    body: z.strictObject({
      level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      note: z.string().trim().min(1).max(1000),
    }),
    examples: {
      zh: {
        summary: '升级到部门经理',
        value: { level: 2, note: '客户威胁向 12315 投诉' },
      },
      en: {
        summary: 'Escalate to the director',
        value: { level: 3, note: 'Media enquiry received' },
      },
    },
  },
  responses: {
    202: {
      description: 'Recorded; the workflow publishes it',
      body: z.object({
        id: ComplaintId,
        escalationLevel: z.int(),
        escalations: z.array(Escalation),
      }),
    },
  },
  problems: [409],
  capabilities: ['readTable', 'writeTable', 'completeWaits'],
});
