import { describe, expect, it } from 'vitest';
import { chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import { newEvent } from '#domain/timeline.ts';
import {
  customerReply,
  expireInformationRequest,
  expiryNoticeOwed,
  recordExpiryNotified,
  requestInformation,
} from '#domain/lifecycle/information-request.ts';
import { aClosedComplaint, aComplaint, anOwnedComplaint, aPausedComplaint, aResolvedComplaint } from '../../support/builders.ts';
import { refusalOf } from '../../support/refusal.ts';

const calendar = chinaStatutoryCalendar('Asia/Shanghai');
const at = (iso: string) => new Date(iso);
const request = { requestId: 'R1', question: '请提供订单号', expiresAt: at('2025-12-02T02:00:00Z') };

describe('Module: lifecycle/information-request', () => {
  describe('Function: requestInformation', () => {
    it('asking an unanswered customer answers them: it claims the case, counts as the first response and pauses the clock', () => {
      const t = requestInformation(aComplaint({ version: 3 }), 'alice', request, at('2025-11-25T02:00:00Z'));
      // The claim and the request each make a version, written together.
      expect(t.complaint).toMatchObject({
        phase: 'AWAITING_RESOLUTION',
        version: 5,
        owner: { agentId: 'alice' },
        firstRespondedAt: '2025-11-25T02:00:00.000Z',
        pause: { requestId: 'R1', since: '2025-11-25T02:00:00.000Z', expiresAt: '2025-12-02T02:00:00.000Z', question: '请提供订单号' },
      });
      expect(t.complaint.notices?.map((n) => [n.id, n.kind])).toEqual([['info-R1', 'information_request']]);
      expect(t.events).toMatchObject([
        { type: 'claimed', details: { agentId: 'alice' } },
        { type: 'info_requested', details: { question: '请提供订单号', requestId: 'R1', expiresAt: '2025-12-02T02:00:00.000Z', agentId: 'alice' } },
      ]);
    });

    it('refuses a second request while one is open, naming it', () => {
      expect(refusalOf(() => requestInformation(aPausedComplaint(), 'alice', { ...request, requestId: 'R2' }, at('2025-11-25T03:00:00Z')))).toMatchObject({
        kind: 'conflict',
        name: 'AlreadyWaitingOnCustomer',
        detail: { requestId: 'R1' },
      });
    });

    it('refuses a request while the customer is asked to confirm, and from an agent who may not act on the case', () => {
      expect(refusalOf(() => requestInformation(aResolvedComplaint(), 'alice', request, at('2025-11-25T03:00:00Z'))).name).toBe('PhaseConflict');
      expect(refusalOf(() => requestInformation(anOwnedComplaint(), 'bob', request, at('2025-11-25T03:00:00Z'))).name).toBe('NotOwner');
    });
  });

  describe('Function: customerReply', () => {
    it('a reply ends the pause and moves the resolution deadline by exactly the working time it lasted (one day)', () => {
      const t = customerReply(aPausedComplaint({ version: 5 }), 'SO-88123', at('2025-11-26T02:00:00Z'), calendar);
      expect(t.complaint).toMatchObject({
        version: 6,
        resolutionDueAt: '2025-12-04T15:59:59.999Z',
        pausedWorkingMs: 86_400_000,
        lastReply: { at: '2025-11-26T02:00:00.000Z', message: 'SO-88123', requestId: 'R1' },
      });
      expect(t.complaint.pause).toBeUndefined();
      expect(t.events.map((e) => [e.type, e.details])).toEqual([
        ['replied', { message: 'SO-88123', requestId: 'R1' }],
        ['resumed', { requestId: 'R1', why: 'customer_replied', pausedWorkingMs: 86_400_000 }],
        ['deadline_changed', { deadline: 'resolution', from: '2025-12-03T15:59:59.999Z', to: '2025-12-04T15:59:59.999Z', why: 'customer_replied' }],
      ]);
    });

    it('a reply with no request open reaches the case and moves no deadline', () => {
      const t = customerReply(anOwnedComplaint({ version: 5 }), '还有一个问题', at('2025-11-26T02:00:00Z'), calendar);
      expect(t.complaint).toMatchObject({ version: 6, resolutionDueAt: '2025-12-03T15:59:59.999Z' });
      expect(t.events.map((e) => [e.type, e.details])).toEqual([['replied', { message: '还有一个问题' }]]);
    });

    it('the same words to a request they already answered are a repeat; other words are kept as another reply', () => {
      const answered = customerReply(aPausedComplaint(), 'SO-88123', at('2025-11-26T02:00:00Z'), calendar).complaint;
      expect(customerReply(answered, 'SO-88123', at('2025-11-26T02:00:00Z'), calendar, 'R1').changed).toBe(false);
      const more = customerReply(answered, '照片已附上', at('2025-11-26T02:00:00Z'), calendar, 'R1');
      expect(more.events.map((e) => [e.type, e.details])).toEqual([['replied', { message: '照片已附上' }]]);
    });

    it('refuses a reply to a closed case', () => {
      expect(refusalOf(() => customerReply(aClosedComplaint(), 'hi', at('2025-11-27T00:00:00Z'), calendar)).name).toBe('PhaseConflict');
    });
  });

  describe('Function: expireInformationRequest', () => {
    it('ends an expired pause and moves the deadline by the five working days it lasted', () => {
      const t = expireInformationRequest(aPausedComplaint({ version: 5 }), at('2025-12-02T02:00:00Z'), calendar);
      expect(t.complaint).toMatchObject({ version: 6, resolutionDueAt: '2025-12-10T15:59:59.999Z', pausedWorkingMs: 432_000_000 });
      expect(t.complaint.pause).toBeUndefined();
      expect(t.events.map((e) => [e.type, e.details])).toEqual([
        ['resumed', { requestId: 'R1', why: 'request_expired', pausedWorkingMs: 432_000_000 }],
        ['deadline_changed', { deadline: 'resolution', from: '2025-12-03T15:59:59.999Z', to: '2025-12-10T15:59:59.999Z', why: 'request_expired' }],
      ]);
    });

    it('leaves a request that has not expired yet, and a case with none, unchanged', () => {
      expect(expireInformationRequest(aPausedComplaint(), at('2025-12-02T01:59:59Z'), calendar).changed).toBe(false);
      expect(expireInformationRequest(anOwnedComplaint(), at('2025-12-02T02:00:00Z'), calendar).changed).toBe(false);
    });
  });

  describe('Function: expiryNoticeOwed', () => {
    it('owes the owner a notice for the latest expired request, with the time it was asked', () => {
      const asked = newEvent('c', 'info_requested', '2025-11-25T02:00:00.000Z', { kind: 'agent', id: 'alice' }, { requestId: 'R1' });
      const expired = newEvent('c', 'resumed', '2025-12-02T02:00:00.000Z', { kind: 'system' }, { requestId: 'R1', why: 'request_expired' });
      expect(expiryNoticeOwed([asked, expired])).toEqual({ requestId: 'R1', requestedAt: '2025-11-25T02:00:00.000Z' });
      const notified = newEvent('c', 'notified', '2025-12-02T02:00:01.000Z', { kind: 'system' }, { requestId: 'R1' });
      expect(expiryNoticeOwed([asked, expired, notified])).toBeUndefined();
    });
  });

  describe('Function: recordExpiryNotified', () => {
    it('records the notice to the owner as a notified event, version + 1', () => {
      const t = recordExpiryNotified(anOwnedComplaint({ version: 6 }), 'R1', at('2025-12-02T02:00:01Z'));
      expect(t.complaint.version).toBe(7);
      expect(t.events).toMatchObject([{ type: 'notified', details: { notice: 'info_request_expired', requestId: 'R1', owner: 'alice' } }]);
    });
  });
});
