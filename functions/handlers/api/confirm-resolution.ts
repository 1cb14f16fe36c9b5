import { confirmResolutionRoute } from '#contract/routes/confirm-resolution.ts';
import { confirmResolution } from '#use-cases/confirm-resolution.ts';
import { assertConfirmationLink } from '../http/link-access.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(confirmResolutionRoute)(
  async ({ params, body, clock }) => ({
    statusCode: 200,
    body: await confirmResolution({ complaintId: params.id, answer: body, now: clock.now() }),
  }),
  { verifyLink: assertConfirmationLink },
);
