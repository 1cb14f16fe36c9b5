import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFilingBody } from '../support/builders.ts';
import { FaultInjector, snsMessage } from '../support/faults.ts';
import { LocalStack } from '../support/local-stack.ts';
import { workflowHealth } from '../support/workflow-health.ts';

interface Filed {
  id: string;
  caseNumber: string;
}

describe('The owner is told of an unanswered information request, with SNS failing', () => {
  const faults = new FaultInjector({ seed: 29 }).install();
  let stack: LocalStack;

  beforeAll(async () => {
    // Mon 2026-02-09 10:00 Shanghai; see pause-and-policies.test.ts for the dates.
    stack = await LocalStack.start('2026-02-09T02:00:00.000Z', { workflowIn: 'process' });
  });
  afterAll(async () => stack.stop());

  it('notifies once when the request expires although SNS fails every SDK attempt of the first try', async () => {
    const filed = (await stack.request<Filed>('POST', '/complaints', { body: aFilingBody() })).body;
    await stack.advanceTo('2026-02-12T02:00:00.000Z');
    const asked = await stack.request('POST', `/staff/complaints/${filed.id}/info-requests`, {
      token: stack.agentToken,
      body: { question: '请提供订单截图和物流单号。' },
    });
    expect(asked.status).toBe(201);

    const publish = faults.inject({ command: 'Publish', fault: 'ThrottlingException', when: snsMessage('notice', filed.caseNumber), calls: [1, 2, 3] });
    await stack.advanceTo('2026-02-26T02:00:01.000Z');

    expect(publish.injected).toBe(3);
    const notices = (await stack.staffAlerts()).filter((m) => m.attributes.kind === 'notice');
    expect(notices.map((m) => m.attributes.notice)).toEqual(['info_request_expired']);
    const staffCase = await stack.staffCase(filed.id);
    expect(staffCase.pause).toBeUndefined();
    expect(staffCase.timeline.filter((e) => e.type === 'resumed')).toHaveLength(1);
    expect((await workflowHealth(stack)).stuck).toEqual([]);
  });
});
