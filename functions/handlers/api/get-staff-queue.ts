import { getStaffQueueRoute } from '#contract/routes/get-staff-queue.ts';
import { readQueue } from '#use-cases/read-queue.ts';
import { isSupervisor } from '../http/access.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(getStaffQueueRoute)(async ({ query, staff, clock }) => ({
  statusCode: 200,
  body: await readQueue({
    ...query,
    viewer: { username: staff.username, team: staff.team, supervisor: isSupervisor(staff) },
    now: clock.now(),
  }),
}));
