import { DomainError, type LocalizedMessage } from '#domain/errors.ts';

export type QueueScope = 'mine' | 'team' | 'unassigned' | 'all' | 'agent';

export type QueuePartition = { kind: 'all' } | { kind: 'team'; team: string } | { kind: 'unassigned' } | { kind: 'agent'; agentId: string };

export interface QueueAsk {
  scope?: QueueScope | undefined;
  team?: string | undefined;
  agentId?: string | undefined;
  viewer: { username: string; team?: string | undefined; supervisor: boolean };
}

const outOfScope = (message: LocalizedMessage) => new DomainError('forbidden', 'QueueScopeRefused', message);
/** A scope that needs a field the ask lacks; the field is named, as a validation error would. */
const incomplete = (field: string, message: LocalizedMessage) => new DomainError('invalid', 'QueueScopeIncomplete', message, { field });

/**
 * Agents see their own cases, their team's and the unassigned pool;
 * supervisors see every open case (or one agent's, or one team's).
 * Answers the partition to read, or throws the refusal.
 */
export function queueVisibility(ask: QueueAsk): { scope: QueueScope; partition: QueuePartition } {
  const { viewer } = ask;
  const supervisor = viewer.supervisor;
  const scope = ask.scope ?? (supervisor ? 'all' : 'mine');
  if (!supervisor && (scope === 'all' || scope === 'agent')) {
    throw outOfScope({
      en: "agents see their own cases, their team's and the unassigned pool",
      'zh-CN': '客服只能查看自己的案件、本团队的案件和待认领案件',
    });
  }
  if (scope === 'team' && !supervisor && ask.team !== undefined && ask.team !== viewer.team) {
    throw outOfScope({ en: "agents see their own team's queue only", 'zh-CN': '客服只能查看本团队的队列' });
  }
  const team = scope === 'team' ? (supervisor ? ask.team : viewer.team) : undefined;
  if (scope === 'team' && !team) {
    throw incomplete(
      'team',
      supervisor
        ? { en: 'scope=team needs team', 'zh-CN': 'scope=team 须同时提供 team' }
        : { en: 'you belong to no team', 'zh-CN': '您不属于任何团队' },
    );
  }
  if (scope === 'agent' && !ask.agentId) {
    throw incomplete('agentId', { en: 'scope=agent needs agentId', 'zh-CN': 'scope=agent 须同时提供 agentId' });
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
