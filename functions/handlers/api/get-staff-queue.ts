import { priorityOf } from '#domain/priority.ts';
import { getStaffQueueRoute } from '#contract/routes/get-staff-queue.ts';
import { queuePage } from '#adapters/stores/queue.ts';
import { isSupervisor } from '../http/access.ts';
import { refuse, routeHandler } from '../http/route-handler.ts';

/**
 * Agents see their own cases, their team's and the unassigned pool;
 * supervisors see every open case (or one agent's, or one team's). Nearest
 * deadline first, from an index.
 */
export const handler = routeHandler(getStaffQueueRoute)(async (input) => {
  const { query, staff, clock } = input;
  const supervisor = isSupervisor(staff);
  const scope = query.scope ?? (supervisor ? 'all' : 'mine');
  if (!supervisor && (scope === 'all' || scope === 'agent')) {
    throw refuse(input, 'forbidden', {
      en: "agents see their own cases, their team's and the unassigned pool",
      'zh-CN': '客服只能查看自己的案件、本团队的案件和待认领案件',
    });
  }
  if (scope === 'team' && !supervisor && query.team !== undefined && query.team !== staff.team) {
    throw refuse(input, 'forbidden', {
      en: "agents see their own team's queue only",
      'zh-CN': '客服只能查看本团队的队列',
    });
  }
  const team = scope === 'team' ? (supervisor ? query.team : staff.team) : undefined;
  if (scope === 'team' && !team) {
    throw refuse(
      input,
      'invalid',
      supervisor
        ? { en: 'scope=team needs team', 'zh-CN': 'scope=team 须同时提供 team' }
        : { en: 'you belong to no team', 'zh-CN': '您不属于任何团队' },
      {
        errors: [
          {
            field: 'team',
            problem: supervisor
              ? input.locale === 'zh-CN'
                ? 'scope=team 时必填'
                : 'is required with scope=team'
              : input.locale === 'zh-CN'
                ? '您的登录信息中没有 custom:team'
                : 'no custom:team on your sign-in',
          },
        ],
      },
    );
  }
  if (scope === 'agent' && !query.agentId) {
    throw refuse(
      input,
      'invalid',
      {
        en: 'scope=agent needs agentId',
        'zh-CN': 'scope=agent 须同时提供 agentId',
      },
      {
        errors: [
          {
            field: 'agentId',
            problem: input.locale === 'zh-CN' ? 'scope=agent 时必填' : 'is required with scope=agent',
          },
        ],
      },
    );
  }
  const partition =
    scope === 'all'
      ? ({ kind: 'all' } as const)
      : scope === 'team'
        ? ({ kind: 'team', team: team! } as const)
        : scope === 'unassigned'
          ? ({ kind: 'unassigned' } as const)
          : ({
              kind: 'agent',
              agentId: scope === 'agent' ? query.agentId! : staff.username,
            } as const);
  const page = await queuePage({
    partition,
    limit: query.limit,
    ...(query.phase ? { phase: query.phase } : {}),
    ...(query.category ? { category: query.category } : {}),
    ...(query.escalationLevel !== undefined ? { escalationLevel: query.escalationLevel } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const now = clock.now();
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
