import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { ComplaintId, ComplaintParams, Owner, Phase } from '../schemas.ts';

export const claimComplaintRoute = defineRoute({
  method: 'POST',
  path: '/staff/complaints/{id}/claim',
  handler: 'api/claim-complaint',
  functionName: 'ClaimComplaint',
  access: 'staff',
  groups: ['agents'],
  tag: 'Staff',
  summary: 'Take first-contact ownership',
  description:
    'The first agent to claim owns the case (首接负责制). A claim of a case another agent owns is refused with 409; the owner claiming again is answered as before.',
  request: { params: ComplaintParams },
  responses: {
    200: {
      description: 'The case is yours',
      body: z.object({ id: ComplaintId, owner: Owner, phase: Phase }),
    },
  },
  problems: [409],
  capabilities: ['readTable', 'writeTable'],
});
