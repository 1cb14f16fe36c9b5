import { ProblemError, problem, type ApiLocale } from '#handlers/http/problem.ts';

export type QueueScope = 'mine' | 'team' | 'unassigned' | 'all' | 'agent';

export type QueuePartition = { kind: 'all' } | { kind: 'team'; team: string } | { kind: 'unassigned' } | { kind: 'agent'; agentId: string };

export interface QueueAsk {
  scope?: QueueScope | undefined;
  team?: string | undefined;
  agentId?: string | undefined;
  viewer: { username: string; team?: string | undefined; supervisor: boolean };
  /** Only for the refusal's words. */
  locale: ApiLocale;
}

const refuse = (locale: ApiLocale, kind: 'forbidden' | 'invalid', text: Record<ApiLocale, string>, extra = {}) =>
  new ProblemError(problem(kind, locale, text[locale], extra));

/**
 * Agents see their own cases, their team's and the unassigned pool;
 * supervisors see every open case (or one agent's, or one team's).
 * Answers the partition to read, or throws the refusal.
 */
export function queueVisibility(ask: QueueAsk): { scope: QueueScope; partition: QueuePartition } {
  const { viewer, locale } = ask;
  const supervisor = viewer.supervisor;
  const scope = ask.scope ?? (supervisor ? 'all' : 'mine');
  if (!supervisor && (scope === 'all' || scope === 'agent')) {
    throw refuse(locale, 'forbidden', {
      en: "agents see their own cases, their team's and the unassigned pool",
      'zh-CN': '客服只能查看自己的案件、本团队的案件和待认领案件',
    });
  }
  if (scope === 'team' && !supervisor && ask.team !== undefined && ask.team !== viewer.team) {
    throw refuse(locale, 'forbidden', {
      en: "agents see their own team's queue only",
      'zh-CN': '客服只能查看本团队的队列',
    });
  }
  const team = scope === 'team' ? (supervisor ? ask.team : viewer.team) : undefined;
  if (scope === 'team' && !team) {
    throw refuse(
      locale,
      'invalid',
      supervisor
        ? { en: 'scope=team needs team', 'zh-CN': 'scope=team 须同时提供 team' }
        : { en: 'you belong to no team', 'zh-CN': '您不属于任何团队' },
      {
        errors: [
          {
            field: 'team',
            problem: supervisor
              ? locale === 'zh-CN'
                ? 'scope=team 时必填'
                : 'is required with scope=team'
              : locale === 'zh-CN'
                ? '您的登录信息中没有 custom:team'
                : 'no custom:team on your sign-in',
          },
        ],
      },
    );
  }
  if (scope === 'agent' && !ask.agentId) {
    throw refuse(
      locale,
      'invalid',
      { en: 'scope=agent needs agentId', 'zh-CN': 'scope=agent 须同时提供 agentId' },
      { errors: [{ field: 'agentId', problem: locale === 'zh-CN' ? 'scope=agent 时必填' : 'is required with scope=agent' }] },
    );
  }
  const partition: QueuePartition =
    scope === 'all'
      ? { kind: 'all' }
      : scope === 'team'
        ? { kind: 'team', team: team! }
        : scope === 'unassigned'
          ? { kind: 'unassigned' }
          : { kind: 'agent', agentId: scope === 'agent' ? ask.agentId! : viewer.username };
  return { scope, partition };
}
