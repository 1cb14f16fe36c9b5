import * as z from 'zod';
import { ComplaintInputSchema } from '#domain/complaint.ts';
import { defineRoute } from '../define-route.ts';
import { FiledComplaint } from '../schemas.ts';

export const fileComplaintRoute = defineRoute({
  method: 'POST',
  path: '/complaints',
  handler: 'api/file-complaint',
  functionName: 'FileComplaint',
  access: 'public',
  tag: 'Customer',
  summary: 'File a complaint',
  description:
    'Files a complaint on any channel. With an `Idempotency-Key` header a retry within 24 hours answers the same complaint and spends no case number; the same key with another body is a 422.',
  request: {
    body: ComplaintInputSchema,
    headers: z.object({
      'Idempotency-Key': z
        .string()
        .regex(/^[\w.:-]{1,128}$/, '1 to 128 letters, digits or . _ : -')
        .optional()
        .meta({
          description: 'Makes a retry safe: the same key within 24 hours answers the first complaint',
        }),
    }),
    examples: {
      zh: {
        summary: '中文投诉（网页渠道）',
        value: {
          customer: {
            id: 'cust-1001',
            name: '王芳',
            email: 'wang.fang@example.cn',
            phone: '+86 138 0013 8000',
            locale: 'zh-CN',
          },
          channel: 'web',
          subject: '快递三天没有更新',
          description: '订单显示已发货，但物流信息三天没有更新，客服电话一直打不通。',
          orderRef: 'SO-20251124-77',
        },
      },
      en: {
        summary: 'A complaint in English (app channel)',
        value: {
          customer: {
            id: 'cust-2002',
            name: 'Alex Chen',
            email: 'alex@example.com',
            locale: 'en',
          },
          channel: 'app',
          category: 'billing_dispute',
          subject: 'Charged twice for one order',
          description: 'My card was charged twice for order 4471 and nobody has answered my emails.',
        },
      },
    },
  },
  responses: {
    201: {
      description: 'Filed: the case number, both deadlines and the case access token',
      body: FiledComplaint,
      headers: { location: 'The case: /complaints/{id}' },
    },
  },
  problems: [422],
  capabilities: ['readTable', 'writeTable', 'startWorkflow', 'publishOperations', 'signLinks'],
});
