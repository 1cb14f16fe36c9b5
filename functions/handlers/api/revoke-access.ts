import { revokeAccessRoute } from '#contract/routes/revoke-access.ts';
import { revokeAccess } from '#use-cases/revoke-access.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(revokeAccessRoute)(async ({ params, body: { reason }, staff, clock, request }) => ({
  statusCode: 202,
  body: await revokeAccess({
    complaintId: params.id,
    username: staff.username,
    reason,
    now: clock.now(),
    clock,
    baseUrl: publicBaseUrl(request),
  }),
}));
