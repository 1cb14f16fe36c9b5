import { rotateAccessTokenRoute } from '#contract/routes/rotate-access-token.ts';
import { rotateAccessToken } from '#use-cases/rotate-access-token.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(rotateAccessTokenRoute)(async ({ params, complaint, clock }) => ({
  statusCode: 201,
  body: await rotateAccessToken({ complaintId: params.id, checkedTokenHash: complaint.accessTokenHash, now: clock.now() }),
}));
