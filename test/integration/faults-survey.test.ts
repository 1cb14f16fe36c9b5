import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFilingBody } from '../support/builders.ts';
import { FaultInjector } from '../support/faults.ts';
import { LocalStack } from '../support/local-stack.ts';

interface Filed {
  id: string;
  caseNumber: string;
  accessToken: string;
}

const customer = (name: string) => ({ id: `c-survey-${name}`, name, email: `${name}@example.com`, locale: 'zh-CN' as const });

/**
 * The hourly survey schedule delivered twice at once, delivered again, and
 * failing for one customer. Times are chosen between two hourly runs of the
 * runtime's own schedule (it fires on the hour after the start), so every run
 * here is one the test started.
 */
describe('The survey schedule on the local engines, delivered twice and failing', () => {
  const faults = new FaultInjector({ seed: 31 }).install();
  let stack: LocalStack;
  const filed = new Map<string, Filed>();

  const closeNow = async (name: string) => {
    const complaint = (await stack.request<Filed>('POST', '/complaints', { body: aFilingBody({ customer: customer(name) }) })).body;
    filed.set(name, complaint);
    const resolved = await stack.request('POST', `/staff/complaints/${complaint.id}/resolution`, {
      token: stack.agentToken,
      body: { rootCause: '承运商延误', resolution: '已补发' },
    });
    expect(resolved.status).toBe(200);
    const accepted = await stack.request('POST', `/complaints/${complaint.id}/confirmation`, {
      token: complaint.accessToken,
      body: { decision: 'accept' },
    });
    expect(accepted.status).toBe(200);
  };

  const surveysTo = async (name: string) =>
    (await stack.emailsTo(`${name}@example.com`)).filter((m) => m.subject.includes('满意度回访'));

  const surveySentEvents = async (name: string) =>
    (await stack.staffCase(filed.get(name)!.id)).timeline.filter((e) => e.type === 'survey_sent');

  beforeAll(async () => {
    // Mon 2025-11-24 10:00 Shanghai; the runtime's schedule fires at 03:00Z, 04:00Z, ...
    stack = await LocalStack.start('2025-11-24T02:00:00.000Z', { workflowIn: 'process' });
    await stack.advanceTo('2025-11-24T02:30:00.000Z');
    for (const name of ['ada', 'bo']) await closeNow(name);
    await stack.advanceTo('2025-11-24T02:40:00.000Z');
    for (const name of ['cai', 'dong', 'eve']) await closeNow(name);
  });
  afterAll(async () => stack.stop());

  it('two runs at once, then a third, send each due survey exactly once', async () => {
    // Surveys fall due 24 h after closing: ada and bo at 02:30Z, the others at 02:40Z.
    await stack.advanceTo('2025-11-25T02:35:00.000Z');
    const [first, second] = await Promise.all([stack.runtime.runSurveySender(), stack.runtime.runSurveySender()]);
    const again = await stack.runtime.runSurveySender();
    await stack.runtime.settle();

    const sentByRuns = [first, second, again].map((r) => (r as { sent: number }).sent);
    expect(sentByRuns.reduce((a, b) => a + b, 0)).toBe(2);
    expect(again).toEqual({ sent: 0, skipped: 0 });
    for (const name of ['ada', 'bo']) {
      expect(await surveysTo(name)).toHaveLength(1);
      expect(await surveySentEvents(name)).toHaveLength(1);
    }
    expect(await surveysTo('cai')).toHaveLength(0);
  });

  it('a survey SES refuses through every SDK attempt holds back no other, and goes out once after its claim lapses', async () => {
    await stack.advanceTo('2025-11-25T02:50:00.000Z');
    const refused = faults.inject({
      command: 'SendEmail',
      fault: 'ThrottlingException',
      when: (input) => JSON.stringify(input.Destination).includes('cai@example.com'),
      calls: [1, 2, 3],
    });

    const run = await stack.runtime.runSurveySender().then(
      () => 'succeeded',
      (error: Error) => error.message,
    );
    expect(refused.injected).toBe(3);
    expect(await surveysTo('dong')).toHaveLength(1);
    expect(await surveysTo('eve')).toHaveLength(1);
    expect(await surveysTo('cai')).toHaveLength(0);
    // After sending the rest, the run reports the failure, so the schedule's retry and the error alarm see it.
    expect(run).toMatch(/1 due survey\(s\) not sent/);

    // The schedule's retry at once: cai's claim still holds, nothing is sent twice.
    expect(await stack.runtime.runSurveySender()).toEqual({ sent: 0, skipped: 1 });

    // 03:00Z is inside the 15-minute claim; the 04:00Z run sends it.
    await stack.advanceTo('2025-11-25T04:00:01.000Z');
    for (const name of ['ada', 'bo', 'cai', 'dong', 'eve']) {
      expect(await surveysTo(name)).toHaveLength(1);
      expect(await surveySentEvents(name)).toHaveLength(1);
    }
    expect(await stack.operationsAlerts()).toEqual([]);
  });
});
