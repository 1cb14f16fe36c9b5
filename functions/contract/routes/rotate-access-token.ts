import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { ComplaintId, ComplaintParams } from '../schemas.ts';

export const rotateAccessTokenRoute = defineRoute({
  method: 'POST',
  path: '/complaints/{id}/access-token',
  handler: 'api/rotate-access-token',
  functionName: 'RotateAccessToken',
  access: 'customer',
  tag: 'Customer',
  summary: 'Replace the case access token; the old one and its links stop working',
  request: { params: ComplaintParams },
  responses: {
    201: {
      description: 'The new token',
      body: z.object({
        id: ComplaintId,
        accessToken: z.string(),
        accessRevision: z.int().optional(),
      }),
    },
  },
  problems: [409],
  capabilities: ['readTable', 'writeTable'],
});
