import { escalateByHandRoute } from '#contract/routes/escalate-by-hand.ts';
import { escalateByHand } from '#use-cases/escalate-by-hand.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(escalateByHandRoute)(async ({ params, body, staff, clock }) => ({
  statusCode: 202,
  body: await escalateByHand({ complaintId: params.id, username: staff.username, level: body.level, note: body.note, now: clock.now() }),
}));
