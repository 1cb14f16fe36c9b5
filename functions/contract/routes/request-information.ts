import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { ComplaintId, ComplaintParams, Pause, Phase } from '../schemas.ts';

export const requestInformationRoute = defineRoute({
  method: 'POST',
  path: '/staff/complaints/{id}/info-requests',
  handler: 'api/request-information',
  functionName: 'RequestInformation',
  access: 'staff',
  groups: ['agents'],
  tag: 'Staff',
  summary: 'Ask the customer for information (owning agent); pauses the resolution clock',
  request: {
    params: ComplaintParams,
    body: z.strictObject({ question: z.string().trim().min(1).max(2000) }),
    examples: {
      zh: {
        summary: '中文提问',
        value: { question: '请提供商品破损处的照片。' },
      },
      en: {
        summary: 'Question in English',
        value: { question: 'Could you send a photo of the damaged part?' },
      },
    },
  },
  responses: {
    201: {
      description: 'The question is sent and the resolution clock paused',
      body: z.object({
        id: ComplaintId,
        phase: Phase,
        pause: Pause.optional(),
      }),
    },
  },
  problems: [409],
  capabilities: ['readTable', 'writeTable', 'completeWaits', 'sendMail'],
});
