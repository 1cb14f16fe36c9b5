import { getBreachesRoute } from '#contract/routes/get-breaches.ts';
import { listBreaches } from '#use-cases/list-breaches.ts';
import { reportScope } from '../http/report-scope.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(getBreachesRoute)(async ({ query, staff, clock }) => ({
  statusCode: 200,
  body: await listBreaches({ ...query, scope: reportScope(staff), now: clock.now() }),
}));
