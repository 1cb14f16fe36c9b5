import * as z from 'zod';
import { categories, phases } from '#domain/complaint.ts';
import { priorityOf } from '#domain/priority.ts';
import { queuePage } from '#adapters/complaint-store.ts';
import { staffIdentity } from '../http/access.ts';
import { apiHandler } from '../http/api-handler.ts';
import { ProblemError, parseOrThrow, problem } from '../http/problem.ts';

const QueueQuery = z.strictObject({
  scope: z.enum(['mine', 'unassigned', 'all', 'agent']).optional(),
  agentId: z.string().regex(/^[\w.@-]{1,64}$/).optional(),
  phase: z.enum(phases).optional(),
  category: z.enum(categories).optional(),
  escalationLevel: z.coerce.number().int().min(0).max(3).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
});

/**
 * Agents see their own cases and the team's unassigned pool; supervisors see
 * every open case (or one agent's). Nearest deadline first, from an index.
 */
export const handler = apiHandler(async (request) => {
  const staff = staffIdentity(request, ['agents', 'supervisors']);
  const query = parseOrThrow(QueueQuery, request.event.queryStringParameters ?? {}, request.locale, 'query string');
  const supervisor = staff.groups.includes('supervisors');
  const scope = query.scope ?? (supervisor ? 'all' : 'mine');
  if (!supervisor && (scope === 'all' || scope === 'agent')) {
    throw new ProblemError(problem('forbidden', request.locale, 'agents see their own cases and the unassigned pool'));
  }
  if (scope === 'agent' && !query.agentId) {
    throw new ProblemError(
      problem('invalid', request.locale, 'scope=agent needs agentId', { errors: [{ field: 'agentId', problem: 'is required with scope=agent' }] }),
    );
  }
  const partition =
    scope === 'all'
      ? ({ kind: 'all' } as const)
      : scope === 'unassigned'
        ? ({ kind: 'unassigned' } as const)
        : ({ kind: 'agent', agentId: scope === 'agent' ? query.agentId! : staff.username } as const);
  const page = await queuePage({
    partition,
    limit: query.limit,
    ...(query.phase ? { phase: query.phase } : {}),
    ...(query.category ? { category: query.category } : {}),
    ...(query.escalationLevel !== undefined ? { escalationLevel: query.escalationLevel } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const now = request.clock.now();
  return {
    statusCode: 200,
    body: {
      scope,
      items: page.complaints.map((c) => ({
        id: c.id,
        caseNumber: c.caseNumber,
        phase: c.phase,
        category: c.category,
        severity: c.severity,
        tier: c.tier,
        subject: c.subject,
        owner: c.owner?.agentId ?? null,
        escalationLevel: c.escalationLevel,
        nextDueAt: c.firstRespondedAt ? c.resolutionDueAt : c.responseDueAt,
        repeatOf: c.repeatOf?.caseNumber ?? null,
        sentiment: c.triage?.sentiment.score ?? null,
        priority: priorityOf(c, now),
      })),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    },
  };
});
