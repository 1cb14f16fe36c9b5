import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { ComplaintId, ComplaintParams, PolicyInForce, Severity } from '../schemas.ts';

export const regradeComplaintRoute = defineRoute({
  method: 'POST',
  path: '/staff/complaints/{id}/severity',
  handler: 'api/regrade-complaint',
  functionName: 'RegradeComplaint',
  access: 'staff',
  groups: ['supervisors'],
  tag: 'Staff',
  summary: "Re-grade a complaint's severity; its deadlines follow the new targets",
  request: {
    params: ComplaintParams,
    body: z.strictObject({
      severity: Severity,
      reason: z.string().trim().min(1).max(1000),
    }),
    examples: {
      zh: {
        summary: '升为重大投诉',
        value: { severity: 'L3', reason: '涉及人身安全' },
      },
      en: {
        summary: 'Down to routine',
        value: { severity: 'L1', reason: 'A simple delivery delay' },
      },
    },
  },
  responses: {
    200: {
      description: 'Re-graded; the deadlines from receipt under the new targets',
      body: z.object({
        id: ComplaintId,
        severity: Severity,
        responseDueAt: z.iso.datetime({ offset: true }),
        resolutionDueAt: z.iso.datetime({ offset: true }),
        policy: PolicyInForce,
      }),
    },
  },
  problems: [409],
  capabilities: ['readTable', 'writeTable', 'completeWaits'],
});
