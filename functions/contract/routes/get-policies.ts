import * as z from 'zod';
import { defineRoute } from '../define-route.ts';

export const getPoliciesRoute = defineRoute({
  method: 'GET',
  path: '/staff/policies',
  handler: 'api/get-policies',
  functionName: 'GetPolicies',
  access: 'staff',
  groups: ['agents', 'supervisors'],
  tag: 'Staff',
  summary: 'The SLA policy in force',
  request: {},
  responses: {
    200: {
      description: "The desk's time zone and SLA policy",
      body: z.object({
        timeZone: z.string(),
        policy: z.record(z.string(), z.unknown()),
      }),
    },
  },
  capabilities: [],
});
