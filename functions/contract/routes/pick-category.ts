import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { Category, ComplaintId, ComplaintParams, PolicyInForce } from '../schemas.ts';

export const pickCategoryRoute = defineRoute({
  method: 'POST',
  path: '/staff/complaints/{id}/category',
  handler: 'api/pick-category',
  functionName: 'PickCategory',
  access: 'staff',
  groups: ['agents', 'supervisors'],
  tag: 'Staff',
  summary: "Pick a case's category: the one triage left uncertain, or a correction",
  description:
    "Agents pick on the cases they may act on (the unassigned pool, their own, their team's) without claiming them; supervisors on any open case. " +
    "The category's targets apply from the receipt, as a re-grade's do, and the repeat link is judged again. " +
    'A second pick to another category, sent from the category the first replaced, is refused with 409; the same pick again is answered as the first.',
  request: {
    params: ComplaintParams,
    body: z.strictObject({
      category: Category,
      reason: z.string().trim().min(1).max(1000).optional(),
    }),
    examples: {
      zh: {
        summary: '待人工分类的投诉选定为物流配送',
        value: { category: 'logistics', reason: '客户电话补充：包裹未送达' },
      },
      en: {
        summary: 'Correct to billing',
        value: { category: 'billing_dispute', reason: 'The customer was charged twice' },
      },
    },
  },
  responses: {
    200: {
      description: 'Picked; the deadlines from receipt under the targets of the category',
      body: z.object({
        id: ComplaintId,
        category: Category,
        responseDueAt: z.iso.datetime({ offset: true }),
        resolutionDueAt: z.iso.datetime({ offset: true }),
        policy: PolicyInForce,
      }),
    },
  },
  problems: [409],
  capabilities: ['readTable', 'writeTable', 'completeWaits'],
});
