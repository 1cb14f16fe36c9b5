import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFilingBody } from '../support/builders.ts';
import { LocalStack } from '../support/local-stack.ts';

interface Filed {
  id: string;
  caseNumber: string;
  accessToken: string;
}

// The local engine has no TTL: these pass only because the store itself
// decides when a record's 24 h window has ended.
describe('The Idempotency-Key window on the local engines', () => {
  let stack: LocalStack;
  const headers = { 'Idempotency-Key': 'order-SO-90001' };
  const file = () => stack.request<Filed>('POST', '/complaints', { body: aFilingBody(), headers });

  beforeAll(async () => {
    stack = await LocalStack.start('2025-11-24T02:00:00.000Z');
  });
  afterAll(async () => stack.stop());

  it('a retry within 24 h answers the first complaint; the same key after 24 h files a new one, and retries of it answer the new one', async () => {
    const first = await file();
    expect(first.status).toBe(201);
    expect(first.body.caseNumber).toBe('CL-20251124-0001');

    // 23 h 59 min later, still inside the window.
    await stack.advanceTo('2025-11-25T01:59:00.000Z');
    const retried = await file();
    expect(retried.status).toBe(201);
    expect(retried.body).toEqual(first.body);

    // One second past the window: the key is free again.
    await stack.advanceTo('2025-11-25T02:00:01.000Z');
    const reused = await file();
    expect(reused.status).toBe(201);
    expect(reused.body.id).not.toBe(first.body.id);
    // The retry inside the window reserved no number: the new day's counter starts at 1.
    expect(reused.body.caseNumber).toBe('CL-20251125-0001');

    const retriedAgain = await file();
    expect(retriedAgain.body).toEqual(reused.body);

    const sfn = new SFNClient({ endpoint: stack.runtime.endpoints.stepFunctions, region: 'eu-west-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: stack.runtime.stateMachineArn }));
    sfn.destroy();
    expect(executions?.map((e) => e.name).sort()).toEqual([first.body.id, reused.body.id].sort());
  });
});
