import { acknowledgeEscalationsRoute } from '#contract/routes/acknowledge-escalations.ts';
import { acknowledgeEscalations } from '#use-cases/acknowledge-escalations.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(acknowledgeEscalationsRoute)(async ({ params, body, staff, clock }) => ({
  statusCode: 200,
  body: await acknowledgeEscalations({ complaintId: params.id, username: staff.username, level: body.level, now: clock.now() }),
}));
