import { describe, expect, it } from 'vitest';
import type { PendingWait } from '#domain/complaint.ts';
import { markAcknowledged, recordFailure, registerWait, triage, waitIsStale } from '#domain/lifecycle/workflow-bookkeeping.ts';
import { aComplaint } from '../../support/builders.ts';

const at = (iso: string) => new Date(iso);
const wait: PendingWait = { kind: 'response', taskToken: 't1', until: '2025-11-26T02:00:00.000Z', since: '2025-11-24T02:00:01.000Z' };

describe('Module: lifecycle/workflow-bookkeeping', () => {
  describe('Function: triage', () => {
    it('moves RECEIVED to AWAITING_RESPONSE once, recording the category, severity and deadlines', () => {
      const t = triage(aComplaint({ phase: 'RECEIVED', version: 1 }), at('2025-11-24T02:00:01Z'));
      expect(t.complaint).toMatchObject({ phase: 'AWAITING_RESPONSE', version: 2 });
      expect(t.events.map((e) => [e.type, e.details])).toEqual([
        ['triaged', { category: 'logistics', categorySource: 'customer', severity: 'L1', responseDueAt: '2025-11-26T02:00:00.000Z', resolutionDueAt: '2025-12-03T15:59:59.999Z' }],
      ]);
      expect(triage(t.complaint, at('2025-11-24T02:00:02Z')).changed).toBe(false);
    });
  });

  describe('Function: markAcknowledged', () => {
    it('records the acknowledgement once, in the customer language, with the message id', () => {
      const t = markAcknowledged(aComplaint({ version: 2 }), at('2025-11-24T02:00:02Z'), 'msg-1');
      expect(t.complaint).toMatchObject({ version: 3, acknowledgedAt: '2025-11-24T02:00:02.000Z' });
      expect(t.events.map((e) => [e.type, e.details])).toEqual([['acknowledgement_sent', { locale: 'zh-CN', messageId: 'msg-1' }]]);
      expect(markAcknowledged(t.complaint, at('2025-11-24T02:00:03Z'), 'msg-2').changed).toBe(false);
    });
  });

  describe('Function: waitIsStale', () => {
    it('calls a wait planned on any other version stale', () => {
      expect([waitIsStale(aComplaint({ version: 5 }), 5), waitIsStale(aComplaint({ version: 5 }), 4)]).toEqual([false, true]);
    });
  });

  describe('Function: registerWait', () => {
    it('stores a wait planned on the current version and announces it once', () => {
      const t = registerWait(aComplaint({ version: 3 }), wait, 3);
      expect(t.complaint).toMatchObject({ version: 4, wait });
      expect(t.events.map((e) => [e.type, e.at, e.details])).toEqual([['waiting', '2025-11-24T02:00:01.000Z', { kind: 'response', until: '2025-11-26T02:00:00.000Z' }]]);
      const again = registerWait(t.complaint, { ...wait, taskToken: 't2' }, 4);
      expect(again).toMatchObject({ changed: true, events: [], complaint: { version: 5, wait: { taskToken: 't2' } } });
    });

    it('does not store a wait planned on an older version', () => {
      expect(registerWait(aComplaint({ version: 5 }), wait, 4).changed).toBe(false);
    });
  });

  describe('Function: recordFailure', () => {
    it('records a workflow failure once per error and cause', () => {
      const t = recordFailure(aComplaint({ version: 3 }), 'States.TaskFailed', 'boom', at('2025-11-24T03:00:00Z'));
      expect(t.complaint).toMatchObject({ version: 4, failure: { error: 'States.TaskFailed', cause: 'boom', at: '2025-11-24T03:00:00.000Z' } });
      expect(t.events.map((e) => [e.type, e.details])).toEqual([['workflow_failed', { error: 'States.TaskFailed', cause: 'boom' }]]);
      expect(recordFailure(t.complaint, 'States.TaskFailed', 'boom', at('2025-11-24T03:00:05Z')).changed).toBe(false);
      expect(recordFailure(t.complaint, 'States.Timeout', 'late', at('2025-11-24T03:00:05Z')).changed).toBe(true);
    });
  });
});
