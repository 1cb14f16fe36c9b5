import { describe, expect, it } from 'vitest';
import { chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import { DecisionAlreadyTakenError } from '#domain/errors.ts';
import type { Complaint, TriageSummary } from '#domain/complaint.ts';
import { type CategoryPicker, recategorise, recomputeProvisionalDeadlines, regrade } from '#domain/lifecycle/deadline-changes.ts';
import { defaultSlaPolicy, policyFor, type SlaPolicy } from '#domain/sla-policy.ts';
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

  describe('Function: recategorise', () => {
    const uncertainTriage: TriageSummary = {
      category: { value: 'uncertain', source: 'classified', evidence: [] },
      severity: { value: 'L1', reasons: [] },
      sentiment: { score: 0, label: 'neutral', evidence: [] },
      risk: { high: false, reasons: [] },
    };
    /** Filed uncertain, unowned, under the default policy: response due Wed 26 Nov 10:00, resolution Wed 3 Dec. */
    const anUncertainComplaint = (overrides: Partial<Complaint> = {}) =>
      aComplaint({
        category: 'uncertain',
        categorySource: 'classified',
        triage: uncertainTriage,
        policy: policyFor(defaultSlaPolicy, { severity: 'L1', tier: 'standard', category: 'uncertain' }),
        ...overrides,
      });
    const logisticsFaster: SlaPolicy = { ...defaultSlaPolicy, category: { logistics: { firstResponseHours: 24, resolutionWorkingDays: 5 } } };
    const ann: CategoryPicker = { id: 'ann', team: 'north', role: 'agent' };
    const toLogistics = { category: 'logistics' as const, reason: '快递丢件', by: ann, policy: logisticsFaster };
    const at1400 = at('2025-11-24T06:00:00Z');

    it('takes the agent\'s pick of an uncertain case and applies its category targets from the receipt, each move on the timeline', () => {
      const t = recategorise(anUncertainComplaint({ version: 3 }), toLogistics, calendar, at1400);

      expect(t.complaint).toMatchObject({
        version: 4,
        category: 'logistics',
        categorySource: 'agent',
        categorised: { by: 'ann', at: '2025-11-24T06:00:00.000Z' },
        responseDueAt: '2025-11-25T02:00:00.000Z',
        resolutionDueAt: '2025-12-01T15:59:59.999Z',
        originalResolutionDueAt: '2025-12-01T15:59:59.999Z',
        policy: { applied: ['defaults', 'category:logistics'], targets: { firstResponseHours: 24, resolutionWorkingDays: 5 } },
      });
      // What triage decided stays: the reports count the case as filed uncertain.
      expect(t.complaint.triage?.category.value).toBe('uncertain');
      expect(t.complaint.owner).toBeUndefined();
      expect(t.events.map((e) => [e.type, e.actor, e.details])).toEqual([
        [
          'category_changed',
          { kind: 'agent', id: 'ann' },
          { from: 'uncertain', to: 'logistics', reason: '快递丢件', policy: { version: 'default-2025', applied: ['defaults', 'category:logistics'] } },
        ],
        ['deadline_changed', { kind: 'agent', id: 'ann' }, { deadline: 'response', from: '2025-11-26T02:00:00.000Z', to: '2025-11-25T02:00:00.000Z', why: 'category_changed' }],
        ['deadline_changed', { kind: 'agent', id: 'ann' }, { deadline: 'resolution', from: '2025-12-03T15:59:59.999Z', to: '2025-12-01T15:59:59.999Z', why: 'category_changed' }],
      ]);
      expect(t.events.find((e) => e.type === 'category_changed')?.visibleToCustomer).toBe(false);
    });

    it('moves no deadline when the policy has no targets for the category, and needs no reason', () => {
      const t = recategorise(anUncertainComplaint(), { category: 'billing_dispute', by: ann, policy: logisticsFaster }, calendar, at1400);

      expect(t.complaint).toMatchObject({ category: 'billing_dispute', responseDueAt: '2025-11-26T02:00:00.000Z', resolutionDueAt: '2025-12-03T15:59:59.999Z' });
      expect(t.events.map((e) => [e.type, e.details])).toEqual([
        ['category_changed', { from: 'uncertain', to: 'billing_dispute', policy: { version: 'default-2025', applied: ['defaults'] } }],
      ]);
    });

    it('corrects a category already set, dropping the targets of the old one, and keeps a response already given', () => {
      const logistics = aComplaint({
        policy: policyFor(logisticsFaster, { severity: 'L1', tier: 'standard', category: 'logistics' }),
        responseDueAt: '2025-11-25T02:00:00.000Z',
        resolutionDueAt: '2025-12-01T15:59:59.999Z',
        firstRespondedAt: '2025-11-24T04:00:00.000Z',
      });
      const t = recategorise(logistics, { category: 'product_quality', by: { id: 'sue', role: 'supervisor' }, policy: logisticsFaster }, calendar, at1400);

      expect(t.complaint).toMatchObject({ category: 'product_quality', responseDueAt: '2025-11-25T02:00:00.000Z', resolutionDueAt: '2025-12-03T15:59:59.999Z' });
      expect(t.events.map((e) => [e.type, e.actor.kind, e.details.deadline])).toEqual([
        ['category_changed', 'supervisor', undefined],
        ['deadline_changed', 'supervisor', 'resolution'],
      ]);
    });

    it('answers a pick of the category the case already has unchanged, and refuses one of a closed case', () => {
      expect(recategorise(aComplaint(), toLogistics, calendar, at1400).changed).toBe(false);
      const refusal = refusalOf(() => recategorise(aClosedComplaint({ category: 'uncertain' }), toLogistics, calendar, at('2025-11-27T00:00:00Z')));
      expect(refusal).toMatchObject({ kind: 'conflict', name: 'PhaseConflict' });
      expect(refusal.messageIn('zh-CN')).toBe('投诉当前处于 CLOSED 阶段，无法选择分类');
    });

    it('two picks from uncertain at once: the first stands, the same second is answered as it, another is refused naming it', () => {
      const first = recategorise(anUncertainComplaint(), { ...toLogistics, from: 'uncertain' }, calendar, at1400).complaint;
      const tom: CategoryPicker = { id: 'tom', team: 'north', role: 'agent' };

      expect(recategorise(first, { ...toLogistics, by: tom, from: 'uncertain' }, calendar, at1400).changed).toBe(false);
      const refusal = refusalOf(() => recategorise(first, { category: 'billing_dispute', by: tom, policy: logisticsFaster, from: 'uncertain' }, calendar, at1400));
      expect(refusal).toBeInstanceOf(DecisionAlreadyTakenError);
      expect(refusal).toMatchObject({ kind: 'conflict', detail: { category: 'logistics', by: 'ann', decidedAt: '2025-11-24T06:00:00.000Z' } });
      expect(refusal.messageIn('en')).toBe('The category was already picked as Logistics by ann on 24 November 2025 at 14:00.');
      expect(refusal.messageIn('zh-CN')).toBe('该投诉已于 2025年11月24日 14:00 由 ann 选定类别为物流配送。');
    });

    it('takes a correction decided from the current category, even after an earlier pick', () => {
      const first = recategorise(anUncertainComplaint(), { ...toLogistics, from: 'uncertain' }, calendar, at1400).complaint;
      const t = recategorise(first, { category: 'other', by: { id: 'sue', role: 'supervisor' }, policy: logisticsFaster, from: 'logistics' }, calendar, at('2025-11-25T06:00:00Z'));
      expect(t.complaint).toMatchObject({ category: 'other', categorised: { by: 'sue', at: '2025-11-25T06:00:00.000Z' } });
    });

    it("lets an agent pick on the pool, their own and their team's cases, and refuses another team's; a supervisor picks on any", () => {
      const southern = anUncertainComplaint({ owner: { agentId: 'oz', claimedAt: '2025-11-24T03:00:00.000Z', team: 'south' } });
      const northern = anUncertainComplaint({ owner: { agentId: 'tom', claimedAt: '2025-11-24T03:00:00.000Z', team: 'north' } });

      expect(recategorise(anUncertainComplaint(), toLogistics, calendar, at1400).changed).toBe(true);
      expect(recategorise(northern, toLogistics, calendar, at1400).complaint.owner?.agentId).toBe('tom');
      const refusal = refusalOf(() => recategorise(southern, toLogistics, calendar, at1400));
      expect(refusal).toMatchObject({ kind: 'forbidden', name: 'NotOwner', detail: { owner: 'oz', team: 'south' } });
      expect(recategorise(southern, { ...toLogistics, by: { id: 'sue', role: 'supervisor' } }, calendar, at1400).changed).toBe(true);
    });

    it("judges the repeat again for the pick: the customer's complaint of that category in the 30 days before", () => {
      const earlier = [
        { id: '01JDEARLIER000000000000001', caseNumber: 'CL-20251110-0003', category: 'logistics' as const, receivedAt: '2025-11-10T02:00:00.000Z' },
        { id: '01JDEARLIER000000000000002', caseNumber: 'CL-20251120-0001', category: 'billing_dispute' as const, receivedAt: '2025-11-20T02:00:00.000Z' },
        // Filed after this one: it cannot be what this one repeats.
        { id: '01JDLATER00000000000000003', caseNumber: 'CL-20251124-0009', category: 'logistics' as const, receivedAt: '2025-11-24T05:00:00.000Z' },
      ];
      const t = recategorise(anUncertainComplaint(), { ...toLogistics, earlier }, calendar, at1400);

      expect(t.complaint.repeatOf).toEqual({ id: '01JDEARLIER000000000000001', caseNumber: 'CL-20251110-0003', receivedAt: '2025-11-10T02:00:00.000Z' });
      expect(t.events[0]!.details.repeatOf).toBe('CL-20251110-0003');
      const corrected = recategorise(t.complaint, { category: 'service_process', by: ann, policy: logisticsFaster, earlier }, calendar, at1400);
      expect(corrected.complaint.repeatOf).toBeUndefined();
      expect(corrected.events[0]!.details.repeatOf).toBeNull();
    });
  });
});
