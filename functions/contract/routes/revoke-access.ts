import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { ComplaintId, ComplaintParams } from '../schemas.ts';

export const revokeAccessRoute = defineRoute({
  method: 'POST',
  path: '/staff/complaints/{id}/access-revocation',
  handler: 'api/revoke-access',
  functionName: 'RevokeAccess',
  access: 'staff',
  groups: ['supervisors'],
  tag: 'Staff',
  summary: "Revoke a leaked access token; a new one is emailed to the customer's address on file",
  request: {
    params: ComplaintParams,
    body: z.strictObject({ reason: z.string().trim().min(1).max(1000) }),
    examples: {
      zh: { summary: '令牌泄露', value: { reason: '客户反映链接被转发' } },
      en: {
        summary: 'Leaked',
        value: { reason: 'Token posted on social media' },
      },
    },
  },
  responses: {
    202: {
      description: 'Revoked; the new token is on its way to the customer',
      body: z.object({
        id: ComplaintId,
        accessRevision: z.int().optional(),
        newTokenSentTo: z.string(),
      }),
    },
  },
  capabilities: ['readTable', 'writeTable', 'sendMail', 'signLinks'],
});
