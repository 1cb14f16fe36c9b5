import { describe, expect, it } from 'vitest';
import { chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import {
  claim,
  close,
  confirmResolution,
  decideNextStep,
  escalate,
  recordResolution,
  recordResponse,
  registerWait,
  triage,
  waitIsOver,
} from '#domain/lifecycle.ts';
import { DomainError } from '#domain/errors.ts';
import { aComplaint } from '../support/builders.ts';

const calendar = chinaStatutoryCalendar('Asia/Shanghai');
const at = (iso: string) => new Date(iso);

describe('Function: decideNextStep', () => {
  it('waits for the first response until the response deadline', () => {
    expect(decideNextStep(aComplaint(), at('2025-11-24T03:00:00Z'))).toEqual({
      action: 'await',
      kind: 'response',
      until: at('2025-11-26T02:00:00.000Z'),
    });
  });

  it('escalates to level 1 when no response 48 h after receipt', () => {
    expect(decideNextStep(aComplaint(), at('2025-11-26T02:00:00.000Z'))).toEqual({
      action: 'escalate',
      level: 1,
      reason: 'response_overdue',
      window: 'response',
    });
  });

  it('after level 1 keeps waiting for the response, but only until the resolution deadline', () => {
    const escalated = aComplaint({
      escalationLevel: 1,
      escalations: [{ level: 1, reason: 'response_overdue', window: 'response', at: '2025-11-26T02:00:00.000Z' }],
    });
    expect(decideNextStep(escalated, at('2025-11-26T02:00:01Z'))).toEqual({
      action: 'await',
      kind: 'response',
      until: at('2025-12-03T15:59:59.999Z'),
    });
    expect(decideNextStep(escalated, at('2025-12-03T15:59:59.999Z'))).toMatchObject({ action: 'escalate', level: 2 });
  });

  it('escalates to level 2 at the resolution deadline when responded but unresolved', () => {
    const responded = aComplaint({ phase: 'AWAITING_RESOLUTION', firstRespondedAt: '2025-11-24T05:00:00Z' });
    expect(decideNextStep(responded, at('2025-12-03T15:59:59.998Z'))).toMatchObject({ action: 'await', kind: 'resolution' });
    expect(decideNextStep(responded, at('2025-12-03T15:59:59.999Z'))).toEqual({
      action: 'escalate',
      level: 2,
      reason: 'resolution_overdue',
      window: 'resolution',
    });
  });

  it('after level 2 rechecks daily instead of escalating again', () => {
    const breached = aComplaint({
      phase: 'AWAITING_RESOLUTION',
      escalationLevel: 2,
      escalations: [{ level: 2, reason: 'resolution_overdue', window: 'resolution', at: '2025-12-03T16:00:00Z' }],
    });
    expect(decideNextStep(breached, at('2025-12-04T00:00:00Z'))).toEqual({
      action: 'await',
      kind: 'resolution',
      until: at('2025-12-05T00:00:00Z'),
    });
  });

  it('escalates level 2 once per rejection when the customer reopens', () => {
    const reopened = aComplaint({ phase: 'AWAITING_RESOLUTION', reopenCount: 1 });
    expect(decideNextStep(reopened, at('2025-11-28T00:00:00Z'))).toEqual({
      action: 'escalate',
      level: 2,
      reason: 'resolution_rejected',
      window: 'reopen-1',
    });
    const escalated = escalate(reopened, { level: 2, reason: 'resolution_rejected', window: 'reopen-1' }, at('2025-11-28T00:00:00Z'));
    expect(decideNextStep(escalated.complaint, at('2025-11-28T00:00:01Z'))).toMatchObject({ action: 'await', kind: 'resolution' });
  });

  it('closes as confirmed when the customer accepted, as auto-confirmed when the window passed', () => {
    const waiting = aComplaint({ phase: 'AWAITING_CONFIRMATION', confirmationDueAt: '2025-12-01T15:59:59.999Z' });
    expect(decideNextStep(waiting, at('2025-11-30T00:00:00Z'))).toEqual({
      action: 'await',
      kind: 'confirmation',
      until: at('2025-12-01T15:59:59.999Z'),
    });
    expect(decideNextStep(waiting, at('2025-12-01T15:59:59.999Z'))).toEqual({ action: 'close', outcome: 'auto_confirmed' });
    const accepted = { ...waiting, confirmation: { decision: 'accept' as const, at: '2025-11-30T00:00:00Z' } };
    expect(decideNextStep(accepted, at('2025-11-30T00:00:01Z'))).toEqual({ action: 'close', outcome: 'confirmed' });
  });

  it('is done once closed', () => {
    expect(decideNextStep(aComplaint({ phase: 'CLOSED' }), at('2026-01-01T00:00:00Z'))).toEqual({ action: 'done' });
  });
});

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

  it('a wait registered after its event happened is not stored (the step completes it at once)', () => {
    const responded = aComplaint({ phase: 'AWAITING_RESOLUTION' });
    expect(waitIsOver(responded, 'response')).toBe(true);
    const t = registerWait(responded, { kind: 'response', taskToken: 't1', until: '2025-11-26T02:00:00.000Z', since: '2025-11-24T02:00:00.000Z' });
    expect(t.changed).toBe(false);
  });
});
