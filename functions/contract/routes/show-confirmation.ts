import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { ComplaintParams, LinkToken } from '../schemas.ts';

export const showConfirmationRoute = defineRoute({
  method: 'GET',
  path: '/complaints/{id}/confirmation',
  handler: 'api/show-confirmation',
  functionName: 'ShowConfirmation',
  access: 'customer',
  linkPurpose: 'confirmation',
  tag: 'Links',
  summary: 'The resolution and its accept or reject buttons behind the link in the resolution email (HTML)',
  request: {
    params: ComplaintParams,
    query: z.strictObject({
      token: LinkToken.optional().meta({
        description: 'The signed link of the resolution email, instead of the access token',
      }),
    }),
  },
  responses: {
    200: { description: 'The confirmation page', contentType: 'text/html' },
  },
  htmlProblems: true,
  problems: [409, 410],
  capabilities: ['readTable', 'signLinks'],
});
