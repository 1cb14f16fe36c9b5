import { recordResolutionRoute } from '#contract/routes/record-resolution.ts';
import { recordResolution } from '#use-cases/record-resolution.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(recordResolutionRoute)(async ({ params, body: resolution, staff, clock, request }) => ({
  statusCode: 200,
  body: await recordResolution({
    complaintId: params.id,
    actor: staff.actor,
    resolution,
    now: clock.now(),
    clock,
    baseUrl: publicBaseUrl(request),
  }),
}));
