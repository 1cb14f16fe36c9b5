import * as z from 'zod';
import { ResolutionSchema } from '#domain/complaint.ts';
import { defineRoute } from '../define-route.ts';
import { ComplaintId, ComplaintParams, Phase } from '../schemas.ts';

export const recordResolutionRoute = defineRoute({
  method: 'POST',
  path: '/staff/complaints/{id}/resolution',
  handler: 'api/record-resolution',
  functionName: 'RecordResolution',
  access: 'staff',
  groups: ['agents'],
  tag: 'Staff',
  summary: 'Record the resolution (owning agent)',
  description:
    'The customer is emailed the resolution with a link to accept or reject it; unanswered, it is accepted when the confirmation window ends.',
  request: {
    params: ComplaintParams,
    body: ResolutionSchema,
    examples: {
      zh: {
        summary: '中文办结',
        value: {
          rootCause: '仓库漏发配件',
          resolution: '已补发配件并致电道歉',
          compensation: '20 元优惠券',
        },
      },
      en: {
        summary: 'Resolution in English',
        value: {
          rootCause: 'Payment retried by the gateway',
          resolution: 'Refunded the second charge',
          compensation: 'None',
        },
      },
    },
  },
  responses: {
    200: {
      description: 'The resolution is recorded and the customer asked to confirm it',
      body: z.object({
        id: ComplaintId,
        phase: Phase,
        confirmationDueAt: z.iso.datetime({ offset: true }).optional(),
      }),
    },
  },
  problems: [409],
  capabilities: ['readTable', 'writeTable', 'completeWaits', 'sendMail', 'signLinks'],
});
