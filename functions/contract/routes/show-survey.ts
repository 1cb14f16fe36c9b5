import * as z from 'zod';
import { defineRoute } from '../define-route.ts';
import { LinkToken } from '../schemas.ts';

export const showSurveyRoute = defineRoute({
  method: 'GET',
  path: '/surveys/{token}',
  handler: 'api/show-survey',
  functionName: 'ShowSurvey',
  access: 'public',
  tag: 'Links',
  summary: 'The survey form behind the link in the survey email (HTML)',
  description: 'A dead link gets a page that says why; a client not asking for HTML gets problem+json.',
  request: { params: z.strictObject({ token: LinkToken }) },
  responses: {
    200: { description: 'The survey form', contentType: 'text/html' },
  },
  htmlProblems: true,
  problems: [409, 410],
  capabilities: ['readTable', 'signLinks'],
});
