import { DeleteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFilingBody } from '../support/builders.ts';
import { LocalStack } from '../support/local-stack.ts';

describe('The catch-all on the local engines', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await LocalStack.start('2025-11-24T02:00:00.000Z');
  });
  afterAll(async () => stack.stop());

  it('a step that keeps failing after its retries alerts operations instead of dying silently', async () => {
    const filed = await stack.request<{ id: string; caseNumber: string }>('POST', '/complaints', { body: aFilingBody() });
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
});
