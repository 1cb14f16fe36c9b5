import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { ComplaintId, ComplaintParams, Phase } from '../schemas.ts';

export const recordResponseRoute = defineRoute({
  method: 'POST',
  path: '/staff/complaints/{id}/responses',
  handler: 'api/record-response',
  functionName: 'RecordResponse',
  access: 'staff',
  groups: ['agents'],
  tag: 'Staff',
  summary: 'Answer the customer',
  description: 'The first response stops the 48-hour clock; the customer is emailed with a link to the case.',
  request: {
    params: ComplaintParams,
    body: z.strictObject({ message: z.string().trim().min(1).max(5000) }),
    examples: {
      zh: {
        summary: '中文答复',
        value: { message: '您好，我们已联系快递公司核实，今天内给您回复。' },
      },
      en: {
        summary: 'Answer in English',
        value: {
          message: 'We are checking the duplicate charge with the bank and will refund it.',
        },
      },
    },
  },
  responses: {
    201: {
      description: 'The response is recorded',
      body: z.object({
        id: ComplaintId,
        phase: Phase,
        firstRespondedAt: z.iso.datetime({ offset: true }).optional(),
      }),
    },
  },
  problems: [409],
  capabilities: ['readTable', 'writeTable', 'completeWaits', 'sendMail', 'signLinks'],
});
