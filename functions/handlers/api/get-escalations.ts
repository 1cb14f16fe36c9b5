import { getEscalationsRoute } from '#contract/routes/get-escalations.ts';
import type { EscalationLevel } from '#domain/complaint.ts';
import { listEscalations } from '#use-cases/list-escalations.ts';
import { routeHandler } from '../http/route-handler.ts';

export const handler = routeHandler(getEscalationsRoute)(async ({ query }) => ({
  statusCode: 200,
  body: await listEscalations({ ...query, level: query.level as EscalationLevel | undefined }),
}));
