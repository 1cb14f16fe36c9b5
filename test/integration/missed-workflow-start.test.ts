import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFilingBody } from '../support/builders.ts';
import { FaultInjector } from '../support/faults.ts';
import { LocalStack } from '../support/local-stack.ts';

interface Filed {
  id: string;
  caseNumber: string;
  responseDueAt: string;
  resolutionDueAt: string;
}

/**
 * Step Functions refuses StartExecution through every SDK attempt while a
 * complaint is filed: the complaint is still accepted (a 5xx would make a
 * client without an Idempotency-Key file it twice), and the hourly
 * start-missed-workflows run gives it its workflow.
 */
describe('A complaint whose workflow could not be started at filing', () => {
  let stack: LocalStack;
  const faults = new FaultInjector({ seed: 11 }).install();

  beforeAll(async () => {
    // Mon 2025-11-24 10:05 Shanghai: the runtime's hourly runs fire at 11:05, 12:05...
    stack = await LocalStack.start('2025-11-24T02:05:00.000Z', { workflowIn: 'process' });
  });
  afterAll(async () => stack.stop());

  it('is accepted with its deadlines, then started by the next hourly run, once', async () => {
    const refused = faults.inject({ command: 'StartExecution', fault: 'ServiceUnavailable', calls: { share: 1 } });
    const answer = await stack.request<Filed>('POST', '/complaints', {
      body: aFilingBody({ customer: { id: 'c-late', name: '周先生', email: 'zhou@example.com', locale: 'zh-CN' } }),
    });
    faults.clear();
    expect(answer.status).toBe(201);
    expect(refused.injected).toBeGreaterThanOrEqual(6);
    const filed = answer.body;

    const before = await stack.staffCase(filed.id);
    expect(before.phase).toBe('RECEIVED');
    expect(await stack.emailsTo('zhou@example.com')).toHaveLength(0);

    // Within the 10-minute grace a run leaves it alone: its workflow may still be starting.
    expect(await stack.runtime.runScheduledTask('StartMissedWorkflows')).toEqual({ started: 0, alreadyStarted: 0 });

    await stack.advanceBy(1);
    const after = await stack.staffCase(filed.id);
    expect(after.phase).toBe('AWAITING_RESPONSE');
    expect(after).toMatchObject({ responseDueAt: filed.responseDueAt, resolutionDueAt: filed.resolutionDueAt });
    const mail = await stack.emailsTo('zhou@example.com');
    expect(mail.map((m) => m.subject)).toEqual([`【投诉受理】案件编号 ${filed.caseNumber}`]);
    // Triaged, it has left the index: the next run finds nothing to start.
    expect(await stack.runtime.runScheduledTask('StartMissedWorkflows')).toEqual({ started: 0, alreadyStarted: 0 });
  });
});
