import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { ComplaintId, ComplaintParams, LinkToken, Phase } from '../schemas.ts';

export const replyToComplaintRoute = defineRoute({
  method: 'POST',
  path: '/complaints/{id}/replies',
  handler: 'api/reply-to-complaint',
  functionName: 'ReplyToComplaint',
  access: 'customer',
  linkPurpose: 'case',
  tag: 'Customer',
  summary: "The customer's reply; answers an information request and restarts the paused clock",
  request: {
    params: ComplaintParams,
    query: z.strictObject({
      token: LinkToken.optional().meta({
        description: 'The signed case link of an email (the status page posts with it), instead of the access token',
      }),
    }),
    body: z.strictObject({ message: z.string().trim().min(1).max(5000) }),
    examples: {
      zh: {
        summary: '补充信息',
        value: { message: '订单号是 SO-20251124-77，照片已发到邮箱。' },
      },
      en: {
        summary: 'More information',
        value: { message: 'The serial number is X-4471-B.' },
      },
    },
  },
  responses: {
    201: {
      description: 'The reply is recorded',
      body: z.object({
        id: ComplaintId,
        phase: Phase,
        resolutionDueAt: z.iso.datetime({ offset: true }),
      }),
    },
  },
  problems: [409],
  capabilities: ['readTable', 'writeTable', 'completeWaits', 'signLinks'],
});
