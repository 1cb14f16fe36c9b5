import { DeleteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFilingBody } from '../support/builders.ts';
import { FaultInjector, snsMessage } from '../support/faults.ts';
import { LocalStack } from '../support/local-stack.ts';
import { workflowHealth } from '../support/workflow-health.ts';

interface Filed {
  id: string;
  caseNumber: string;
}

describe('The catch-all on the local engines', () => {
  const faults = new FaultInjector({ seed: 3 }).install();
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await LocalStack.start('2025-11-24T02:00:00.000Z', { workflowIn: 'process' });
  });
  afterAll(async () => stack.stop());

  const alertsAbout = async (complaintId: string) =>
    (await stack.operationsAlerts()).filter((m) => m.message.includes(`Complaint id: ${complaintId}`));

  const execution = async (complaintId: string) => {
    const { executions } = await stack.runtime.stepFunctions.listExecutions({ stateMachineArn: stack.runtime.stateMachineArn });
    const found = executions.find((e) => e.name === complaintId);
    return found && stack.runtime.stepFunctions.describeExecution({ executionArn: found.executionArn });
  };

  it('a step that keeps failing after its retries alerts operations instead of dying silently', async () => {
    const filed = await stack.request<Filed>('POST', '/complaints', { body: aFilingBody() });
    expect(filed.status).toBe(201);

    // The case vanishes under the workflow (an operator error): the next plan step cannot read it.
    const dynamodb = new DynamoDBClient({ endpoint: stack.runtime.endpoints.dynamodb, region: 'eu-west-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    await dynamodb.send(
      new DeleteItemCommand({ TableName: 'closeloop-complaints', Key: { pk: { S: `COMPLAINT#${filed.body.id}` }, sk: { S: 'COMPLAINT' } } }),
    );
    dynamodb.destroy();
    await stack.advanceBy(48);

    const alerts = await stack.operationsAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.attributes).toEqual({ kind: 'workflow_failure' });
    expect(alerts[0]!.message).toContain('【流程故障】');
    expect(alerts[0]!.message).toContain(`Complaint id: ${filed.body.id}`);
    expect(alerts[0]!.message).toContain('ComplaintNotFound');
    expect(await stack.escalations()).toEqual([]);
  });

  it('an escalation SNS refuses through every retry is recorded as a failure on the case, once, and operations hear of it', async () => {
    const filed = (await stack.request<Filed>('POST', '/complaints', { body: aFilingBody({ customer: { id: 'c-f2', name: 'Gu', email: 'gu@example.com', locale: 'zh-CN' } }) })).body;
    const outage = faults.inject({ command: 'Publish', fault: 'InternalServerError', when: snsMessage('escalation', filed.caseNumber) });
    await stack.advanceBy(48);

    // Every SDK attempt (3) of the first try and of its five Step Functions retries.
    expect(outage.injected).toBe(18);
    const staffCase = await stack.staffCase(filed.id);
    expect(staffCase.phase).toBe('AWAITING_RESPONSE');
    expect(staffCase.failure).toMatchObject({ error: 'InternalServerError' });
    expect(staffCase.timeline.filter((e) => e.type === 'workflow_failed')).toHaveLength(1);
    // Recorded before it was published: the case shows the escalation the supervisors never got.
    expect(staffCase.escalations).toEqual([expect.objectContaining({ level: 1, window: 'response' })]);
    expect((staffCase.escalations as { publishedAt?: string }[])[0]!.publishedAt).toBeUndefined();
    expect((await alertsAbout(filed.id)).map((m) => m.subject)).toEqual([`Workflow failure: case ${filed.caseNumber}`]);
    expect(await execution(filed.id)).toMatchObject({ status: 'FAILED', error: 'ComplaintWorkflowFailed' });
    expect((await workflowHealth(stack)).stuck).toEqual([]);
  });

  it('when the alert to operations fails too, the failure is still on the case, once, and the execution ends FAILED, not stuck', async () => {
    faults.clear();
    const filed = (await stack.request<Filed>('POST', '/complaints', { body: aFilingBody({ customer: { id: 'c-f3', name: 'Hu', email: 'hu@example.com', locale: 'zh-CN' } }) })).body;
    const snsDown = faults.inject({ command: 'Publish', fault: 'ServiceUnavailable' });
    await stack.advanceBy(48);

    expect(snsDown.injected).toBeGreaterThan(18);
    const staffCase = await stack.staffCase(filed.id);
    expect(staffCase.failure).toMatchObject({ error: 'ServiceUnavailable' });
    expect(staffCase.timeline.filter((e) => e.type === 'workflow_failed')).toHaveLength(1);
    expect(await alertsAbout(filed.id)).toEqual([]);
    expect(await execution(filed.id)).toMatchObject({ status: 'FAILED', error: 'ComplaintWorkflowFailed' });
    expect((await workflowHealth(stack)).stuck).toEqual([]);
  });
});
