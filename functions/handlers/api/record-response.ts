import { recordResponseRoute } from '#contract/routes/record-response.ts';
import { recordResponse } from '#use-cases/record-response.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(recordResponseRoute)(async ({ params, body: { message }, staff, clock, request }) => ({
  statusCode: 201,
  body: await recordResponse({
    complaintId: params.id,
    actor: staff.actor,
    message,
    now: clock.now(),
    clock,
    baseUrl: publicBaseUrl(request),
  }),
}));
