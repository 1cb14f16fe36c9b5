import { describe, expect, it } from 'vitest';
import { staffUserOf } from '../src/auth/desk-session.ts';
import { allowedActions } from '../src/desk/case-actions.ts';
import { maskEmail, maskPhone } from '../src/desk/mask.ts';
import { mergeQueue } from '../src/desk/queue-merge.ts';
import { detailText } from '../src/desk/timeline-details.ts';

describe('desk helpers', () => {
  it('masks contact details until an agent asks for them', () => {
    expect(maskEmail('wang.xiaoming@example.com')).toBe('w••••••@example.com');
    expect(maskEmail('li@qq.com')).toBe('l••@qq.com');
    expect(maskPhone('+86 138-1234-5678')).toBe('861••••••5678');
    expect(maskPhone('13812345678')).toBe('138••••5678');
    expect(maskPhone('12345')).toBe('•••');
  });

  it('merges the scopes of the default queue: each case once, nearest deadline first', () => {
    const item = (id: string, nextDueAt: string) => ({ id, caseNumber: `CL-${id}`, nextDueAt }) as never;
    const merged = mergeQueue([
      { items: [item('a', '2026-12-03T10:00:00Z'), item('b', '2026-12-02T10:00:00Z')] },
      { items: [item('b', '2026-12-02T10:00:00Z'), item('c', '2026-12-02T09:00:00Z')] },
    ]);
    expect(merged.map((m: { id: string }) => m.id)).toEqual(['c', 'b', 'a']);
  });

  it('offers the owner answer and resolve, an unowned case claim, and supervisors the rest', () => {
    const agent = { id: 'agent-1', role: 'agent' as const };
    const supervisor = { id: 'supervisor-1', role: 'supervisor' as const };
    const unowned = { phase: 'AWAITING_RESPONSE' as const, escalations: [] };
    const owned = { ...unowned, owner: { agentId: 'agent-1', claimedAt: '2026-12-01T00:00:00Z' } };
    expect(allowedActions(unowned, agent)).toMatchObject({ claim: true, respond: false, resolve: false, escalate: false });
    expect(allowedActions(owned, agent)).toMatchObject({ claim: false, respond: true, requestInformation: true, resolve: true, reassign: false });
    expect(allowedActions(owned, { id: 'agent-2', role: 'agent' })).toMatchObject({ respond: false, resolve: false });
    const escalated = { ...owned, escalations: [{ level: 1 as const, reason: 'x', window: 'response', at: '2026-12-01T00:00:00Z' }] };
    expect(allowedActions(escalated, supervisor)).toMatchObject({ escalate: true, acknowledge: true, reassign: true, regrade: true, setTier: true, revokeAccess: true });
    expect(allowedActions({ ...owned, phase: 'CLOSED' }, agent)).toMatchObject({ claim: false, respond: false, resolve: false });
  });

  it("offers the category pick on the pool, one's own and one's team's open cases, to supervisors on any, never once closed", () => {
    const ann = { id: 'ann', role: 'agent' as const, team: 'north' };
    const pool = { phase: 'RECEIVED' as const, escalations: [] };
    const owned = (agentId: string, team?: string) => ({ ...pool, owner: { agentId, claimedAt: '2026-12-01T00:00:00Z', ...(team ? { team } : {}) } });
    expect(allowedActions(pool, ann).pickCategory).toBe(true);
    expect(allowedActions(owned('ann', 'north'), ann).pickCategory).toBe(true);
    expect(allowedActions(owned('tom', 'north'), ann).pickCategory).toBe(true);
    expect(allowedActions(owned('oz', 'south'), ann).pickCategory).toBe(false);
    expect(allowedActions(owned('oz'), { id: 'ann', role: 'agent' }).pickCategory).toBe(false);
    expect(allowedActions(owned('oz', 'south'), { id: 'sue', role: 'supervisor' }).pickCategory).toBe(true);
    expect(allowedActions({ ...owned('ann', 'north'), phase: 'CLOSED' }, ann).pickCategory).toBe(false);
  });

  it('shows the words of an event, not its bookkeeping', () => {
    expect(detailText({ message: '已为您退款', messageId: 'ses-1', policy: { version: 'x' } })).toBe('message: 已为您退款');
    expect(detailText({ level: 2, reason: 'response window' })).toBe('level: 2 · reason: response window');
  });

  it("reads who is signed in from the token's claims, and nobody from an expired one", () => {
    const now = Date.now() / 1000;
    const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    const claims = { sub: 'supervisor-1', 'cognito:username': 'supervisor-1', 'cognito:groups': ['supervisors'], 'custom:team': 'north', exp: Math.floor(now) + 3600 };
    const token = `${part({ alg: 'HS256' })}.${part(claims)}.signature`;
    expect(staffUserOf(token, now)).toMatchObject({ id: 'supervisor-1', role: 'supervisor', team: 'north' });
    expect(staffUserOf(token, now + 7200)).toBeUndefined();
    expect(staffUserOf('not-a-token', now)).toBeUndefined();
  });
});
