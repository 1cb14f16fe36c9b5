import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KpiReport } from '#contract/report-schemas.ts';
import { runDemo, type DemoOutcome } from '#local/demo/driver.ts';
import { planDemo, type DemoPlan } from '#local/demo/plan.ts';
import { LocalStack } from '../support/local-stack.ts';

/*
 * `npm start -- --demo` in small: 40 complaints planned from Mon 2025-09-15
 * 09:00 Shanghai, across National Day (1–8 October off, Sun 28 September and
 * Sat 11 October make-up working days), driven through the real API and
 * workflow on a manual clock, then read back from the KPI report and the queue.
 */
const start = '2025-09-15T01:00:00.000Z';

describe('the demo cohort, driven through the desk (npm start -- --demo)', () => {
  let stack: LocalStack;
  let plan: DemoPlan;
  let outcome: DemoOutcome;
  let wallMs = 0;

  beforeAll(async () => {
    stack = await LocalStack.start(start);
    plan = planDemo({ count: 40, start: new Date(start) });
    const began = performance.now();
    outcome = await runDemo({
      url: stack.runtime.url,
      clock: stack.clock,
      settle: () => stack.runtime.settle(),
      tokens: stack.runtime.tokens,
      sesEndpoint: stack.runtime.endpoints.ses,
      plan,
    });
    wallMs = performance.now() - began;
    console.log(`demo of 40 driven in ${(wallMs / 1000).toFixed(1)} s`);
  }, 120_000);
  afterAll(async () => stack?.stop());

  it('files every planned complaint and plays every step without a refusal', () => {
    expect(outcome.failures).toEqual([]);
    expect(outcome.filed).toBe(40);
    expect(stack.clock.now().toISOString()).toBe(plan.end.toISOString());
  });

  it('reports the planned cohort: categories and channels exactly, escalations, reopenings and surveys', async () => {
    const answer = await stack.request('GET', '/staff/reports/kpi?from=2025-09-15&to=2025-10-15', { token: stack.supervisorToken });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const report = KpiReport.parse(answer.body);
    expect(report.received).toBe(40);
    expect(report.byCategory).toEqual(plan.expected.byCategory);
    expect(report.byChannel).toEqual(plan.expected.byChannel);
    const planned = Object.values(plan.expected.escalated).reduce((a, b) => a + b, 0);
    expect(report.escalated.any).toBe(planned);
    expect(report.escalated.any).toBeGreaterThan(0);
    expect(report.reopened.count).toBe(plan.expected.reopened);
    expect(report.reopened.count).toBeGreaterThan(0);
    expect(report.surveys.answered).toBe(plan.expected.surveysAnswered);
    expect(report.surveys.answered).toBeGreaterThan(0);
    expect(report.open).toBe(plan.expected.open);
    expect(report.noFeedback).toBe(0);
  });

  it('leaves the planned cases open in the queue', async () => {
    const answer = await stack.request<{ items: { id: string }[] }>('GET', '/staff/queue?scope=all&limit=100', {
      token: stack.supervisorToken,
    });
    expect(answer.status).toBe(200);
    const open = plan.cases.filter((c) => c.openAtEnd).map((c) => outcome.cases.get(c.index)!.id);
    expect(answer.body.items.map((i) => i.id).sort()).toEqual(open.sort());
  });

  it('lands where planned: triage classifies every text without a pick into its planned category', async () => {
    const unpicked = plan.cases.filter((c) => !c.pickedCategory);
    for (const c of unpicked) {
      const staffCase = await stack.staffCase(outcome.cases.get(c.index)!.id);
      expect(staffCase.category, c.subject).toBe(c.category);
    }
  });
});
