import { pickCategoryRoute } from '#contract/routes/pick-category.ts';
import { pickCategory } from '#use-cases/pick-category.ts';
import { isSupervisor } from '../http/access.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(pickCategoryRoute)(async ({ params, body: { category, reason }, staff, clock }) => ({
  statusCode: 200,
  body: await pickCategory({
    complaintId: params.id,
    by: { ...staff.actor, role: isSupervisor(staff) ? 'supervisor' : 'agent' },
    category,
    reason,
    now: clock.now(),
  }),
}));
