import { replyToComplaintRoute } from '#contract/routes/reply-to-complaint.ts';
import { replyToComplaint } from '#use-cases/reply-to-complaint.ts';
import { assertCaseLink } from '../http/link-access.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(replyToComplaintRoute)(
  async ({ params, body: { message }, clock }) => ({
    statusCode: 201,
    body: await replyToComplaint({ complaintId: params.id, message, now: clock.now() }),
  }),
  { verifyLink: assertCaseLink },
);
