import { describe, expect, it } from 'vitest';
import { DomainError } from '#domain/errors.ts';
import { domainProblem } from '#handlers/http/problem.ts';
import { queueVisibility, type QueueAsk } from '#use-cases/queue-visibility.ts';

const agent = { username: 'ana', team: 'north', supervisor: false };
const teamless = { username: 'bo', supervisor: false };
const supervisor = { username: 'sue', supervisor: true };

describe('Use case: queue-visibility', () => {
  it.each<[string, QueueAsk, unknown]>([
    ['an agent without a scope sees their own cases', { viewer: agent }, { scope: 'mine', partition: { kind: 'agent', agentId: 'ana' } }],
    ['a supervisor without a scope sees every case', { viewer: supervisor }, { scope: 'all', partition: { kind: 'all' } }],
    ['an agent sees their team', { viewer: agent, scope: 'team' }, { scope: 'team', partition: { kind: 'team', team: 'north' } }],
    [
      'an agent naming their own team sees it',
      { viewer: agent, scope: 'team', team: 'north' },
      { scope: 'team', partition: { kind: 'team', team: 'north' } },
    ],
    [
      'an agent sees the unassigned pool',
      { viewer: agent, scope: 'unassigned' },
      { scope: 'unassigned', partition: { kind: 'unassigned' } },
    ],
    [
      'a supervisor sees a named team',
      { viewer: supervisor, scope: 'team', team: 'south' },
      { scope: 'team', partition: { kind: 'team', team: 'south' } },
    ],
    [
      'a supervisor sees a named agent',
      { viewer: supervisor, scope: 'agent', agentId: 'ana' },
      { scope: 'agent', partition: { kind: 'agent', agentId: 'ana' } },
    ],
  ])('%s', (_rule, ask, expected) => {
    expect(queueVisibility(ask)).toEqual(expected);
  });

  it.each<[string, QueueAsk, string, string]>([
    [
      'an agent may not read every case',
      { viewer: agent, scope: 'all' },
      'forbidden',
      "agents see their own cases, their team's and the unassigned pool",
    ],
    [
      'an agent may not read another agent',
      { viewer: agent, scope: 'agent', agentId: 'bo' },
      'forbidden',
      "agents see their own cases, their team's and the unassigned pool",
    ],
    [
      'an agent may not read another team',
      { viewer: agent, scope: 'team', team: 'south' },
      'forbidden',
      "agents see their own team's queue only",
    ],
    ['an agent without a team has no team queue', { viewer: teamless, scope: 'team' }, 'invalid', 'you belong to no team'],
    ['a supervisor must name the team', { viewer: supervisor, scope: 'team' }, 'invalid', 'scope=team needs team'],
    ['a supervisor must name the agent', { viewer: supervisor, scope: 'agent' }, 'invalid', 'scope=agent needs agentId'],
  ])('%s', (_rule, ask, kind, detail) => {
    let thrown: unknown;
    try {
      queueVisibility(ask);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    const refusal = domainProblem(thrown as DomainError, 'en');
    expect(refusal).toMatchObject({ status: kind === 'forbidden' ? 403 : 400, detail });
    expect(domainProblem(thrown as DomainError, 'zh-CN').detail).toMatch(/\p{Script=Han}/u);
  });
});

describe('Use case: queue-visibility refusals name the field', () => {
  it('a scope missing its team or agent lists that field, in both languages', () => {
    const refusalOf = (ask: QueueAsk) => {
      try {
        queueVisibility(ask);
      } catch (error) {
        return error as DomainError;
      }
      throw new Error('not refused');
    };
    const team = refusalOf({ viewer: supervisor, scope: 'team' });
    expect(domainProblem(team, 'en')).toMatchObject({
      status: 400,
      code: 'QueueScopeIncomplete',
      errors: [{ field: 'team', problem: 'scope=team needs team' }],
    });
    expect(domainProblem(refusalOf({ viewer: supervisor, scope: 'agent' }), 'zh-CN')).toMatchObject({
      status: 400,
      detail: 'scope=agent 须同时提供 agentId',
      errors: [{ field: 'agentId', problem: 'scope=agent 须同时提供 agentId' }],
    });
  });
});
