import { describe, expect, it } from 'vitest';
import { chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import { close, confirmResolution, recordResolution, recordResponse } from '#domain/lifecycle/answer-and-resolve.ts';
import { escalate } from '#domain/lifecycle/escalation.ts';
import { claim } from '#domain/lifecycle/ownership.ts';
import { registerWait, triage } from '#domain/lifecycle/workflow-bookkeeping.ts';
import { DomainError } from '#domain/errors.ts';
import { aComplaint } from '../support/builders.ts';

const calendar = chinaStatutoryCalendar('Asia/Shanghai');
const at = (iso: string) => new Date(iso);

describe('Transitions', () => {
  it('triage moves RECEIVED to AWAITING_RESPONSE once and records the deadlines', () => {
    const received = aComplaint({ phase: 'RECEIVED', version: 1 });
    const first = triage(received, at('2025-11-24T02:00:01Z'));
    expect(first.complaint.phase).toBe('AWAITING_RESPONSE');
    expect(first.complaint.version).toBe(2);
    expect(first.events[0]).toMatchObject({ type: 'triaged', details: { resolutionDueAt: '2025-12-03T15:59:59.999Z' } });
    expect(triage(first.complaint, at('2025-11-24T02:00:02Z')).changed).toBe(false);
  });

  it('first-contact ownership: a second claimant is refused', () => {
    const owned = claim(aComplaint(), 'alice', at('2025-11-24T03:00:00Z')).complaint;
    expect(owned.owner).toEqual({ agentId: 'alice', claimedAt: '2025-11-24T03:00:00.000Z' });
    expect(claim(owned, 'alice', at('2025-11-24T03:01:00Z')).changed).toBe(false);
    expect(() => claim(owned, 'bob', at('2025-11-24T03:01:00Z'))).toThrow(
      expect.objectContaining({ kind: 'conflict', name: 'AlreadyClaimed' }) as DomainError,
    );
  });

  it('the first response claims an unowned case and moves it to AWAITING_RESOLUTION', () => {
    const t = recordResponse(aComplaint(), 'alice', '您好，我们正在核实物流信息。', at('2025-11-24T04:00:00Z'));
    expect(t.complaint).toMatchObject({ phase: 'AWAITING_RESOLUTION', owner: { agentId: 'alice' }, firstRespondedAt: '2025-11-24T04:00:00.000Z' });
    expect(t.events.map((e) => e.type)).toEqual(['claimed', 'responded']);
    expect(() => recordResponse(t.complaint, 'bob', 'hi', at('2025-11-24T05:00:00Z'))).toThrow(
      expect.objectContaining({ kind: 'forbidden', name: 'NotOwner' }) as DomainError,
    );
  });

  it('a resolution asks the customer to confirm within 3 working days', () => {
    const owned = claim(aComplaint({ phase: 'AWAITING_RESOLUTION' }), 'alice', at('2025-11-24T03:00:00Z')).complaint;
    // Fri 2025-11-28 14:00 Shanghai: Mon, Tue, Wed are the 3 working days after.
    const t = recordResolution(owned, 'alice', { rootCause: '承运商延误', resolution: '补偿 50 元' }, at('2025-11-28T06:00:00Z'), calendar);
    expect(t.complaint).toMatchObject({ phase: 'AWAITING_CONFIRMATION', confirmationDueAt: '2025-12-03T15:59:59.999Z' });
  });

  it('a rejection reopens the case; closing is only possible from AWAITING_CONFIRMATION', () => {
    const waiting = aComplaint({ phase: 'AWAITING_CONFIRMATION', resolvedAt: '2025-11-25T00:00:00Z', confirmationDueAt: '2025-11-28T15:59:59.999Z' });
    const rejected = confirmResolution(waiting, { decision: 'reject', reason: '还是没收到退款' }, at('2025-11-26T00:00:00Z'));
    expect(rejected.complaint).toMatchObject({ phase: 'AWAITING_RESOLUTION', reopenCount: 1 });
    expect(rejected.events[0]).toMatchObject({ type: 'rejected', details: { reason: '还是没收到退款', reopenCount: 1 } });
    expect(() => close(rejected.complaint, 'confirmed', at('2025-11-26T00:00:00Z'), at('2025-11-27T00:00:00Z'))).toThrow(DomainError);
  });

  it('an escalation is recorded once per level and window', () => {
    const once = escalate(aComplaint(), { level: 1, reason: 'response_overdue', window: 'response' }, at('2025-11-26T02:00:00Z'));
    expect(once.complaint.escalationLevel).toBe(1);
    expect(escalate(once.complaint, { level: 1, reason: 'response_overdue', window: 'response' }, at('2025-11-26T02:00:05Z')).changed).toBe(false);
  });

  it('a wait planned on an older version is not stored (the step completes it at once and plans again)', () => {
    const responded = aComplaint({ phase: 'AWAITING_RESOLUTION', version: 5 });
    const wait = { kind: 'response' as const, taskToken: 't1', until: '2025-11-26T02:00:00.000Z', since: '2025-11-24T02:00:00.000Z' };
    expect(registerWait(responded, wait, 4).changed).toBe(false);
    expect(registerWait(responded, wait, 5).complaint.wait).toEqual(wait);
  });
});
