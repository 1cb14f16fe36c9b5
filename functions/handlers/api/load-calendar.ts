import { loadCalendarRoute } from '#contract/routes/load-calendar.ts';
import { loadCalendar } from '#use-cases/load-calendar.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(loadCalendarRoute)(async ({ body: upload, staff, clock }) => ({
  statusCode: 200,
  body: await loadCalendar({ content: upload.content, fileName: upload.fileName, username: staff.username, now: clock.now() }),
}));
