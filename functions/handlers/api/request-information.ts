import { requestInformationRoute } from '#contract/routes/request-information.ts';
import { requestInformation } from '#use-cases/request-information.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(requestInformationRoute)(async ({ params, body: { question }, staff, clock, request }) => ({
  statusCode: 201,
  body: await requestInformation({
    complaintId: params.id,
    actor: staff.actor,
    question,
    now: clock.now(),
    clock,
    baseUrl: publicBaseUrl(request),
  }),
}));
