import { defineRoute } from '../define-route.ts';
import { ComplaintParams, CustomerCase } from '../schemas.ts';

export const getComplaintRoute = defineRoute({
  method: 'GET',
  path: '/complaints/{id}',
  handler: 'api/get-complaint',
  functionName: 'GetComplaint',
  access: 'customer',
  tag: 'Customer',
  summary: 'The case as its customer may see it',
  request: { params: ComplaintParams },
  responses: {
    200: {
      description: 'The case, its deadlines and the customer-visible timeline',
      body: CustomerCase,
    },
  },
  // signLinks: the survey link is signed again for the case page.
  capabilities: ['readTable', 'signLinks'],
});
