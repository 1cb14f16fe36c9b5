import { getCalendarRoute } from '#contract/routes/get-calendar.ts';
import { readCalendar } from '#use-cases/read-calendar.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(getCalendarRoute)(async ({ clock }) => ({
  statusCode: 200,
  body: await readCalendar({ now: clock.now() }),
}));
