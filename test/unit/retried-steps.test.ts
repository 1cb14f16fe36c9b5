import { describe, expect, it } from 'vitest';
import { expiryNoticeOwed, recordExpiryNotified } from '#domain/lifecycle/information-request.ts';
import { recordFailure } from '#domain/lifecycle/workflow-bookkeeping.ts';
import { newEvent, type TimelineEvent } from '#domain/timeline.ts';
import { aComplaint } from '../support/builders.ts';

const complaint = aComplaint({ owner: { agentId: 'alice', claimedAt: '2025-11-24T03:00:00.000Z' } });
const asked = (requestId: string, at: string) => newEvent(complaint.id, 'info_requested', at, { kind: 'agent', id: 'alice' }, { requestId });
const expired = (requestId: string, at: string) =>
  newEvent(complaint.id, 'resumed', at, { kind: 'system' }, { requestId, why: 'request_expired' });
const notified = (requestId: string, at: string): TimelineEvent =>
  recordExpiryNotified(complaint, requestId, new Date(at)).events[0]!;

describe('What a retried workflow step finds it still owes', () => {
  describe('Function: expiryNoticeOwed', () => {
    it('owes the owner a notice for a request that expired, with the time it was asked', () => {
      const timeline = [asked('r1', '2025-11-25T02:00:00.000Z'), expired('r1', '2025-12-02T02:00:00.000Z')];
      expect(expiryNoticeOwed(timeline)).toEqual({ requestId: 'r1', requestedAt: '2025-11-25T02:00:00.000Z' });
    });

    it('owes nothing once the notice is on the timeline, so a retry after it does not publish twice', () => {
      const timeline = [
        asked('r1', '2025-11-25T02:00:00.000Z'),
        expired('r1', '2025-12-02T02:00:00.000Z'),
        notified('r1', '2025-12-02T02:00:01.000Z'),
      ];
      expect(expiryNoticeOwed(timeline)).toBeUndefined();
    });

    it('owes nothing for a request the customer answered', () => {
      const replied = newEvent(complaint.id, 'resumed', '2025-11-26T02:00:00.000Z', { kind: 'system' }, { requestId: 'r1', why: 'customer_replied' });
      expect(expiryNoticeOwed([asked('r1', '2025-11-25T02:00:00.000Z'), replied])).toBeUndefined();
    });

    it('looks at the latest expiry only: an older one is not announced again', () => {
      const timeline = [
        asked('r1', '2025-11-25T02:00:00.000Z'),
        expired('r1', '2025-12-02T02:00:00.000Z'),
        asked('r2', '2025-12-03T02:00:00.000Z'),
        expired('r2', '2025-12-10T02:00:00.000Z'),
      ];
      expect(expiryNoticeOwed(timeline)).toEqual({ requestId: 'r2', requestedAt: '2025-12-03T02:00:00.000Z' });
    });

    it('records the notice for the owner, internal to the desk', () => {
      expect(notified('r1', '2025-12-02T02:00:01.000Z')).toMatchObject({
        type: 'notified',
        visibleToCustomer: false,
        details: { notice: 'info_request_expired', requestId: 'r1', owner: 'alice' },
      });
    });
  });

  describe('Function: recordFailure', () => {
    it('records a failure once: RecordFailure retried with the same error finds it recorded', () => {
      const first = recordFailure(complaint, 'ServiceUnavailable', 'SNS down', new Date('2025-11-26T02:00:00.000Z'));
      expect(first.events.map((e) => e.type)).toEqual(['workflow_failed']);
      const retried = recordFailure(first.complaint, 'ServiceUnavailable', 'SNS down', new Date('2025-11-26T02:00:09.000Z'));
      expect(retried.changed).toBe(false);
      const another = recordFailure(first.complaint, 'ComplaintNotFound', 'gone', new Date('2025-11-27T02:00:00.000Z'));
      expect(another.changed).toBe(true);
    });
  });
});
