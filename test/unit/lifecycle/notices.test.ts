import { describe, expect, it } from 'vitest';
import { claimNotice, giveUpNotice, markNoticeSent, noticeLeaseMs, noticeMaxAttempts, owedNotice, withNotice } from '#domain/lifecycle/notices.ts';
import { aComplaint, aNotice } from '../../support/builders.ts';
import { refusalOf } from '../../support/refusal.ts';

const at = (iso: string) => new Date(iso);
const owing = (overrides = {}) => aComplaint({ version: 5, notices: [aNotice(overrides)] });

describe('Module: lifecycle/notices', () => {
  describe('Function: owedNotice and withNotice', () => {
    it('owes a notice claimed by its creator at once, and replaces one of the same id', () => {
      const notice = owedNotice('resolution', 'resolution-0', at('2025-11-25T02:00:00Z'));
      expect(notice).toEqual({ id: 'resolution-0', kind: 'resolution', createdAt: '2025-11-25T02:00:00.000Z', claimedAt: '2025-11-25T02:00:00.000Z', attempts: 1 });
      expect(withNotice(owing({ id: 'resolution-0' }), notice)).toEqual([notice]);
    });

    it('takes a lease of ten minutes and gives up after six attempts', () => {
      expect([noticeLeaseMs, noticeMaxAttempts]).toEqual([600_000, 6]);
    });
  });

  describe('Function: claimNotice', () => {
    it('takes over an unsent notice whose lease ran out: a new lease and one more attempt, no event', () => {
      const t = claimNotice(owing(), 'response-4', at('2025-11-24T04:10:00Z'));
      expect(t).toMatchObject({ changed: true, events: [], complaint: { version: 6, notices: [{ id: 'response-4', claimedAt: '2025-11-24T04:10:00.000Z', attempts: 2 }] } });
    });

    it('refuses while another sender holds the lease', () => {
      expect(refusalOf(() => claimNotice(owing(), 'response-4', at('2025-11-24T04:09:59.999Z')))).toMatchObject({ kind: 'conflict', name: 'NoticeBeingSent' });
    });

    it('refuses a notice already sent or never owed', () => {
      expect(refusalOf(() => claimNotice(owing({ sentAt: '2025-11-24T04:00:01.000Z' }), 'response-4', at('2025-11-24T05:00:00Z'))).name).toBe('NoticeNotOwed');
      expect(refusalOf(() => claimNotice(owing(), 'resolution-0', at('2025-11-24T05:00:00Z'))).name).toBe('NoticeNotOwed');
    });
  });

  describe('Function: markNoticeSent', () => {
    it('records the send once with its message id and attempts, and drops the text it kept', () => {
      const t = markNoticeSent(owing(), 'response-4', at('2025-11-24T04:00:01Z'), 'msg-1');
      expect(t.complaint.notices).toEqual([
        { id: 'response-4', kind: 'response', createdAt: '2025-11-24T04:00:00.000Z', claimedAt: '2025-11-24T04:00:00.000Z', attempts: 1, sentAt: '2025-11-24T04:00:01.000Z', messageId: 'msg-1' },
      ]);
      expect(t.events).toMatchObject([{ type: 'customer_emailed', details: { notice: 'response', attempts: 1, messageId: 'msg-1' } }]);
      expect(markNoticeSent(t.complaint, 'response-4', at('2025-11-24T04:00:02Z'), 'msg-2').changed).toBe(false);
    });
  });

  describe('Function: giveUpNotice', () => {
    it('marks a notice that failed its last attempt as sent-never with the error, once', () => {
      const t = giveUpNotice(owing({ attempts: 6 }), 'response-4', 'MessageRejected', at('2025-11-24T09:00:00Z'));
      expect(t.complaint.notices).toEqual([
        { id: 'response-4', kind: 'response', createdAt: '2025-11-24T04:00:00.000Z', claimedAt: '2025-11-24T04:00:00.000Z', attempts: 6, sentAt: '2025-11-24T09:00:00.000Z', failed: 'MessageRejected' },
      ]);
      expect(t.events).toMatchObject([{ type: 'customer_email_failed', details: { notice: 'response', attempts: 6, error: 'MessageRejected' } }]);
      expect(giveUpNotice(t.complaint, 'response-4', 'again', at('2025-11-24T10:00:00Z')).changed).toBe(false);
    });
  });
});
