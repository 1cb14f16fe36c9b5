import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { Tier } from '../schemas.ts';

export const setCustomerTierRoute = defineRoute({
  method: 'PUT',
  path: '/staff/customers/{id}',
  handler: 'api/set-customer-tier',
  functionName: 'SetCustomerTier',
  access: 'staff',
  groups: ['supervisors'],
  tag: 'Staff',
  summary: "Set a customer's tier (standard or vip)",
  description: 'Applies to complaints filed from now on: the tier in force at receipt stays on each complaint.',
  request: {
    params: z.strictObject({
      id: z.string().regex(/^[\w.@:-]{1,64}$/, 'letters, digits and . _ @ : - only, at most 64'),
    }),
    body: z.strictObject({ tier: Tier }),
    examples: {
      vip: { summary: '设为大客户（VIP）', value: { tier: 'vip' } },
      standard: {
        summary: 'Back to the standard tier',
        value: { tier: 'standard' },
      },
    },
  },
  responses: {
    200: {
      description: 'The tier is set',
      body: z.object({ customerId: z.string(), tier: Tier }).loose(),
    },
  },
  capabilities: ['readTable', 'writeTable'],
});
