import { describe, expect, it } from 'vitest';
import { chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import { DecisionAlreadyTakenError } from '#domain/errors.ts';
import { recomputeProvisionalDeadlines, regrade } from '#domain/lifecycle/deadline-changes.ts';
import { defaultSlaPolicy } from '#domain/sla-policy.ts';
import { aClosedComplaint, aComplaint } from '../../support/builders.ts';
import { refusalOf } from '../../support/refusal.ts';

const calendar = chinaStatutoryCalendar('Asia/Shanghai');
const at = (iso: string) => new Date(iso);
const toL3 = { severity: 'L3' as const, reason: '安全隐患', by: 'sup-1', policy: defaultSlaPolicy };

describe('Module: lifecycle/deadline-changes', () => {
  describe('Function: recomputeProvisionalDeadlines', () => {
    it('computes a provisional deadline again from the receipt once the year is loaded, keeping the paused day', () => {
      const provisional = aComplaint({ version: 3, deadlinesProvisional: { missingYears: [2025] }, resolutionDueAt: '2025-12-02T15:59:59.999Z', pausedWorkingMs: 86_400_000 });
      const t = recomputeProvisionalDeadlines(provisional, calendar, at('2025-11-25T00:00:00Z'));
      expect(t.complaint).toMatchObject({ version: 4, resolutionDueAt: '2025-12-04T15:59:59.999Z', originalResolutionDueAt: '2025-12-03T15:59:59.999Z' });
      expect(t.complaint.deadlinesProvisional).toBeUndefined();
      expect(t.events.map((e) => [e.type, e.details])).toEqual([
        ['deadline_changed', { deadline: 'resolution', from: '2025-12-02T15:59:59.999Z', to: '2025-12-04T15:59:59.999Z', why: 'calendar_loaded' }],
      ]);
    });

    it('clears the provisional mark with no event when the deadline does not move', () => {
      const t = recomputeProvisionalDeadlines(aComplaint({ deadlinesProvisional: { missingYears: [2025] } }), calendar, at('2025-11-25T00:00:00Z'));
      expect(t).toMatchObject({ changed: true, events: [] });
      expect(t.complaint.deadlinesProvisional).toBeUndefined();
    });

    it('leaves a settled deadline and a closed case unchanged', () => {
      expect(recomputeProvisionalDeadlines(aComplaint(), calendar, at('2025-11-25T00:00:00Z')).changed).toBe(false);
      expect(recomputeProvisionalDeadlines(aClosedComplaint({ deadlinesProvisional: { missingYears: [2025] } }), calendar, at('2025-11-25T00:00:00Z')).changed).toBe(false);
    });
  });

  describe('Function: regrade', () => {
    it('applies the L3 targets from the receipt: response in 24 h, resolution in 5 working days, each move on the timeline', () => {
      const t = regrade(aComplaint({ version: 3 }), toL3, calendar, at('2025-11-24T06:00:00Z'));
      expect(t.complaint).toMatchObject({
        version: 4,
        severity: 'L3',
        regraded: { by: 'sup-1', at: '2025-11-24T06:00:00.000Z' },
        responseDueAt: '2025-11-25T02:00:00.000Z',
        resolutionDueAt: '2025-12-01T15:59:59.999Z',
        originalResolutionDueAt: '2025-12-01T15:59:59.999Z',
        policy: { applied: ['defaults', 'severity:L3'], targets: { firstResponseHours: 24, resolutionWorkingDays: 5 } },
      });
      expect(t.events.map((e) => [e.type, e.actor, e.details])).toEqual([
        ['severity_changed', { kind: 'supervisor', id: 'sup-1' }, { from: 'L1', to: 'L3', reason: '安全隐患', policy: { version: 'default-2025', applied: ['defaults', 'severity:L3'] } }],
        ['deadline_changed', { kind: 'supervisor', id: 'sup-1' }, { deadline: 'response', from: '2025-11-26T02:00:00.000Z', to: '2025-11-25T02:00:00.000Z', why: 'severity_changed' }],
        ['deadline_changed', { kind: 'supervisor', id: 'sup-1' }, { deadline: 'resolution', from: '2025-12-03T15:59:59.999Z', to: '2025-12-01T15:59:59.999Z', why: 'severity_changed' }],
      ]);
    });

    it('keeps the response deadline of a case already answered', () => {
      const t = regrade(aComplaint({ firstRespondedAt: '2025-11-24T04:00:00.000Z' }), toL3, calendar, at('2025-11-24T06:00:00Z'));
      expect(t.complaint.responseDueAt).toBe('2025-11-26T02:00:00.000Z');
      expect(t.events.map((e) => e.details.deadline)).toEqual([undefined, 'resolution']);
    });

    it('answers a re-grade to the severity it already has unchanged, and refuses one of a closed case', () => {
      expect(regrade(aComplaint({ severity: 'L3' }), toL3, calendar, at('2025-11-24T06:00:00Z')).changed).toBe(false);
      expect(refusalOf(() => regrade(aClosedComplaint(), toL3, calendar, at('2025-11-27T00:00:00Z'))).name).toBe('PhaseConflict');
    });

    it('refuses a re-grade decided from a severity another supervisor has since changed, naming theirs', () => {
      const regraded = regrade(aComplaint(), toL3, calendar, at('2025-11-24T06:00:00Z')).complaint;
      const refusal = refusalOf(() =>
        regrade(regraded, { ...toL3, severity: 'L2', by: 'sup-2', reason: '复杂', from: 'L1' }, calendar, at('2025-11-24T06:00:00Z')),
      );
      expect(refusal).toBeInstanceOf(DecisionAlreadyTakenError);
      expect(refusal).toMatchObject({ name: 'DecisionAlreadyTaken', detail: { severity: 'L3', by: 'sup-1', decidedAt: '2025-11-24T06:00:00.000Z' } });
      expect(refusal.messageIn('en')).toBe('The complaint was already re-graded to L3 by sup-1 on 24 November 2025 at 14:00.');
    });

    it('takes a re-grade decided from the current severity, even after an earlier one', () => {
      const regraded = regrade(aComplaint(), toL3, calendar, at('2025-11-24T06:00:00Z')).complaint;
      const t = regrade(regraded, { ...toL3, severity: 'L2', by: 'sup-2', reason: '复杂', from: 'L3' }, calendar, at('2025-11-25T06:00:00Z'));
      expect(t.complaint).toMatchObject({ severity: 'L2', regraded: { by: 'sup-2', at: '2025-11-25T06:00:00.000Z' } });
    });
  });
});
