import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { ComplaintParams, LinkToken } from '../schemas.ts';

export const showCaseStatusRoute = defineRoute({
  method: 'GET',
  path: '/complaints/{id}/status',
  handler: 'api/show-case-status',
  functionName: 'ShowCaseStatus',
  access: 'customer',
  linkPurpose: 'case',
  tag: 'Links',
  summary: 'The case, its deadlines, the customer-visible timeline and a reply form, behind the case link of the customer emails (HTML)',
  request: {
    params: ComplaintParams,
    query: z.strictObject({
      token: LinkToken.optional().meta({
        description: 'The signed case link of an email, instead of the access token',
      }),
    }),
  },
  responses: {
    200: { description: 'The status page', contentType: 'text/html' },
  },
  htmlProblems: true,
  problems: [410],
  capabilities: ['readTable', 'signLinks'],
});
