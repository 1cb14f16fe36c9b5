import { describe, expect, it } from 'vitest';
import { chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import { DecisionAlreadyTakenError } from '#domain/errors.ts';
import { close, confirmResolution, decisionOnResolution, recordResolution, recordResponse } from '#domain/lifecycle/answer-and-resolve.ts';
import { aClosedComplaint, aComplaint, anOwnedComplaint, aResolvedComplaint } from '../../support/builders.ts';
import { refusalOf } from '../../support/refusal.ts';

const calendar = chinaStatutoryCalendar('Asia/Shanghai');
const at = (iso: string) => new Date(iso);
const resolution = { rootCause: '承运商延误', resolution: '补偿 50 元' };

describe('Module: lifecycle/answer-and-resolve', () => {
  describe('Function: recordResponse', () => {
    it('a later response keeps the phase, owes the customer an email with its text and records it', () => {
      const t = recordResponse(anOwnedComplaint({ version: 5 }), 'alice', '退款已发起', at('2025-11-25T01:00:00Z'));
      expect(t.complaint).toMatchObject({ phase: 'AWAITING_RESOLUTION', version: 6, firstRespondedAt: '2025-11-24T04:00:00.000Z' });
      expect(t.complaint.notices).toEqual([
        { id: 'response-6', kind: 'response', createdAt: '2025-11-25T01:00:00.000Z', claimedAt: '2025-11-25T01:00:00.000Z', attempts: 0, courier: 'workflow', text: '退款已发起' },
      ]);
      expect(t.events).toMatchObject([{ type: 'responded', details: { message: '退款已发起', agentId: 'alice', first: false } }]);
    });

    it('refuses a response to a closed case', () => {
      expect(refusalOf(() => recordResponse(aClosedComplaint(), 'alice', 'hi', at('2025-11-27T00:00:00Z'))).name).toBe('PhaseConflict');
    });
  });

  describe('Function: recordResolution', () => {
    it('answers the same resolution from the same agent again unchanged (a double submit)', () => {
      const resolved = aResolvedComplaint();
      expect(recordResolution(resolved, 'alice', resolution, at('2025-11-25T02:00:01Z'), calendar).changed).toBe(false);
    });

    it('refuses a different resolution while the customer is asked about one, naming who recorded it and when', () => {
      const refusal = refusalOf(() =>
        recordResolution(aResolvedComplaint(), 'alice', { ...resolution, compensation: '100 元' }, at('2025-11-25T02:00:01Z'), calendar),
      );
      expect(refusal).toBeInstanceOf(DecisionAlreadyTakenError);
      expect(refusal).toMatchObject({ kind: 'conflict', name: 'DecisionAlreadyTaken', detail: { by: 'alice', decidedAt: '2025-11-25T02:00:00.000Z' } });
      expect(refusal.messageIn('en')).toBe('A different resolution was already recorded by alice on 25 November 2025 at 10:00.');
      expect(refusal.messageIn('zh-CN')).toBe('alice 已于 2025年11月25日 10:00 登记了另一处理结果。');
    });

    it('refuses the same resolution from another agent as a different decision', () => {
      expect(refusalOf(() => recordResolution(aResolvedComplaint(), 'bob', resolution, at('2025-11-25T03:00:00Z'), calendar)).name).toBe('DecisionAlreadyTaken');
    });

    it('refuses to resolve a closed case', () => {
      expect(refusalOf(() => recordResolution(aClosedComplaint(), 'alice', resolution, at('2025-11-27T00:00:00Z'), calendar)).name).toBe('PhaseConflict');
    });
  });

  describe('Function: confirmResolution', () => {
    it('records an accept once: version + 1, one confirmed event by the customer, the phase left for the close', () => {
      const t = confirmResolution(aResolvedComplaint({ version: 8 }), { decision: 'accept' }, at('2025-11-26T02:00:00Z'));
      expect(t.complaint).toMatchObject({ phase: 'AWAITING_CONFIRMATION', version: 9, confirmation: { decision: 'accept', at: '2025-11-26T02:00:00.000Z' } });
      expect(t.events).toMatchObject([{ type: 'confirmed', actor: { kind: 'customer', id: 'c-1001' }, details: {} }]);
    });

    it('a rejection reopens the case and keeps when and why, so a contrary decision can be told it', () => {
      const t = confirmResolution(aResolvedComplaint({ version: 8 }), { decision: 'reject', reason: '没收到' }, at('2025-11-26T02:00:00Z'));
      expect(t.complaint).toMatchObject({ phase: 'AWAITING_RESOLUTION', version: 9, reopenCount: 1, rejection: { at: '2025-11-26T02:00:00.000Z', reason: '没收到', reopenCount: 1 } });
      expect(t.complaint.resolvedAt).toBeUndefined();
      expect(t.complaint.confirmationDueAt).toBeUndefined();
      expect(t.events).toMatchObject([{ type: 'rejected', details: { reason: '没收到', reopenCount: 1 } }]);
    });

    it('answers a repeat of the standing decision unchanged, before and after the close', () => {
      const accepted = confirmResolution(aResolvedComplaint(), { decision: 'accept' }, at('2025-11-26T02:00:00Z')).complaint;
      const rejected = confirmResolution(aResolvedComplaint(), { decision: 'reject', reason: 'a' }, at('2025-11-26T02:00:00Z')).complaint;
      expect(confirmResolution(accepted, { decision: 'accept' }, at('2025-11-26T02:00:01Z')).changed).toBe(false);
      expect(confirmResolution(aClosedComplaint(), { decision: 'accept' }, at('2025-11-27T00:00:00Z')).changed).toBe(false);
      expect(confirmResolution(rejected, { decision: 'reject', reason: 'b' }, at('2025-11-26T02:00:01Z')).changed).toBe(false);
    });

    it('refuses a rejection of an accepted resolution, saying when it was accepted, in both languages', () => {
      const accepted = confirmResolution(aResolvedComplaint(), { decision: 'accept' }, at('2025-11-26T02:00:00Z')).complaint;
      const refusal = refusalOf(() => confirmResolution(accepted, { decision: 'reject', reason: '不满意' }, at('2025-11-26T02:00:00Z')));
      expect(refusal).toMatchObject({ kind: 'conflict', name: 'DecisionAlreadyTaken', detail: { standing: 'accept', decidedAt: '2025-11-26T02:00:00.000Z' } });
      expect(refusal.messageIn('en')).toBe('The resolution was already accepted on 26 November 2025 at 10:00.');
      expect(refusal.messageIn('zh-CN')).toBe('该处理结果已于 2025年11月26日 10:00 被接受。');
    });

    it('refuses an accept of a rejected resolution, saying when it was rejected', () => {
      const rejected = confirmResolution(aResolvedComplaint(), { decision: 'reject', reason: '没收到' }, at('2025-11-26T02:00:00Z')).complaint;
      const refusal = refusalOf(() => confirmResolution(rejected, { decision: 'accept' }, at('2025-11-26T02:00:00Z')));
      expect(refusal).toMatchObject({ name: 'DecisionAlreadyTaken', detail: { standing: 'reject', decidedAt: '2025-11-26T02:00:00.000Z' } });
      expect(refusal.messageIn('en')).toBe('The resolution was already rejected on 26 November 2025 at 10:00.');
    });

    it('refuses any decision on a resolution accepted automatically, saying so', () => {
      const auto = aClosedComplaint({ confirmation: undefined, closeOutcome: 'auto_confirmed', closedAt: '2025-11-28T16:00:00.000Z' });
      const refusal = refusalOf(() => confirmResolution(auto, { decision: 'accept' }, at('2025-11-29T00:00:00Z')));
      expect(refusal.detail).toEqual({ standing: 'auto_accept', decidedAt: '2025-11-28T16:00:00.000Z' });
      expect(refusal.messageIn('en')).toBe('The resolution was already accepted automatically on 29 November 2025 at 00:00, as no answer came within the confirmation window.');
    });

    it('a new resolution after a rejection asks the customer again, and their new decision is taken', () => {
      const rejected = confirmResolution(aResolvedComplaint(), { decision: 'reject', reason: '没收到' }, at('2025-11-26T02:00:00Z')).complaint;
      const again = recordResolution(rejected, 'alice', { ...resolution, compensation: '100 元' }, at('2025-11-27T02:00:00Z'), calendar).complaint;
      const t = confirmResolution(again, { decision: 'accept' }, at('2025-11-27T03:00:00Z'));
      expect(t.events.map((e) => e.type)).toEqual(['confirmed']);
    });

    it('refuses a decision on a case that was never resolved', () => {
      expect(refusalOf(() => confirmResolution(anOwnedComplaint(), { decision: 'accept' }, at('2025-11-26T02:00:00Z')))).toMatchObject({
        name: 'PhaseConflict',
        detail: { phase: 'AWAITING_RESOLUTION' },
      });
    });
  });

  describe('Function: decisionOnResolution', () => {
    it('names the standing decision and the phase it puts the case in; none while the customer is asked', () => {
      expect(decisionOnResolution(aResolvedComplaint())).toBeUndefined();
      expect(decisionOnResolution(aClosedComplaint())).toEqual({ decision: 'accept', decidedAt: '2025-11-26T02:00:00.000Z', phase: 'CLOSED', reopenCount: 0 });
      const rejected = confirmResolution(aResolvedComplaint(), { decision: 'reject', reason: 'x' }, at('2025-11-26T02:00:00Z')).complaint;
      expect(decisionOnResolution(rejected)).toEqual({ decision: 'reject', decidedAt: '2025-11-26T02:00:00.000Z', phase: 'AWAITING_RESOLUTION', reopenCount: 1 });
    });
  });

  describe('Function: close', () => {
    it('closes a confirmed case with its outcome and survey due time, and drops the wait', () => {
      const waiting = aResolvedComplaint({ version: 9, wait: { kind: 'confirmation', taskToken: 't', until: '2025-11-28T15:59:59.999Z', since: '2025-11-25T02:00:00.000Z' } });
      const t = close(waiting, 'confirmed', at('2025-11-26T02:00:00Z'), at('2025-11-27T02:00:00Z'));
      expect(t.complaint).toMatchObject({ phase: 'CLOSED', version: 10, closedAt: '2025-11-26T02:00:00.000Z', closeOutcome: 'confirmed', surveyDueAt: '2025-11-27T02:00:00.000Z' });
      expect(t.complaint.wait).toBeUndefined();
      expect(t.events).toMatchObject([{ type: 'closed', details: { outcome: 'confirmed', surveyDueAt: '2025-11-27T02:00:00.000Z' } }]);
    });

    it('answers a second close unchanged and refuses to close a case not awaiting confirmation', () => {
      expect(close(aClosedComplaint(), 'confirmed', at('2025-11-26T03:00:00Z'), at('2025-11-27T03:00:00Z')).changed).toBe(false);
      expect(refusalOf(() => close(aComplaint(), 'confirmed', at('2025-11-26T03:00:00Z'), at('2025-11-27T03:00:00Z'))).name).toBe('PhaseConflict');
    });
  });
});
