import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFilingBody } from '../support/builders.ts';
import { LocalStack } from '../support/local-stack.ts';

interface Filed {
  id: string;
  caseNumber: string;
  accessToken: string;
}

describe('Reopen and idempotent filing on the local engines', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await LocalStack.start('2025-11-24T02:00:00.000Z');
  });
  afterAll(async () => stack.stop());

  it('a repeated Idempotency-Key creates one complaint and one execution; another body is refused with 422', async () => {
    const headers = { 'Idempotency-Key': 'order-SO-88123-retry' };
    const first = await stack.request<Filed>('POST', '/complaints', { body: aFilingBody(), headers });
    const second = await stack.request<Filed>('POST', '/complaints', { body: aFilingBody(), headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);

    const other = await stack.request('POST', '/complaints', { body: aFilingBody({ subject: '另一件事' }), headers });
    expect(other.status).toBe(422);

    const sfn = new SFNClient({ endpoint: stack.runtime.endpoints.stepFunctions, region: 'eu-west-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: stack.runtime.stateMachineArn }));
    sfn.destroy();
    expect(executions?.map((e) => e.name)).toEqual([first.body.id]);
    const acknowledgements = await stack.emailsTo('li@example.com');
    expect(acknowledgements).toHaveLength(1);
  });

  it('a rejected resolution reopens the case, escalates to level 2 and waits for a new resolution', async () => {
    const filed = (await stack.request<Filed>('POST', '/complaints', { body: aFilingBody({ customer: { id: 'c-3', name: 'Wang', email: 'wang@example.com', locale: 'zh-CN' } }) })).body;
    await stack.advanceBy(1);
    const resolve = (resolution: string) =>
      stack.request('POST', `/staff/complaints/${filed.id}/resolution`, {
        token: stack.agentToken,
        body: { rootCause: '仓库错发', resolution },
      });
    expect((await resolve('已补发正确型号')).status).toBe(200);

    const rejected = await stack.request('POST', `/complaints/${filed.id}/confirmation`, {
      token: filed.accessToken,
      body: { decision: 'reject', reason: '补发的还是错的' },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ phase: 'AWAITING_RESOLUTION', reopenCount: 1 });

    const published = await stack.escalations();
    expect(published).toHaveLength(1);
    expect(published[0]!.attributes).toMatchObject({ kind: 'escalation', level: '2', reason: 'resolution_rejected' });
    expect((await stack.staffCase(filed.id)).wait).toMatchObject({ kind: 'resolution' });

    expect((await resolve('已换货并上门取回')).status).toBe(200);
    await stack.request('POST', `/complaints/${filed.id}/confirmation`, { token: filed.accessToken, body: { decision: 'accept' } });
    const closed = await stack.staffCase(filed.id);
    expect(closed).toMatchObject({ phase: 'CLOSED', closeOutcome: 'confirmed', reopenCount: 1, escalationLevel: 2 });
  });

  it('auto-confirms when the customer does not answer within 3 working days', async () => {
    const filed = (await stack.request<Filed>('POST', '/complaints', { body: aFilingBody({ customer: { id: 'c-4', name: 'Zhao', email: 'zhao@example.com', locale: 'zh-CN' } }) })).body;
    const resolved = await stack.request<{ confirmationDueAt: string }>('POST', `/staff/complaints/${filed.id}/resolution`, {
      token: stack.agentToken,
      body: { rootCause: '包装破损', resolution: '退款' },
    });
    await stack.advanceTo(resolved.body.confirmationDueAt);
    await stack.advanceBy(0.01);
    expect(await stack.staffCase(filed.id)).toMatchObject({ phase: 'CLOSED', closeOutcome: 'auto_confirmed' });
  });

  it('answers bad input with problem details and never a 500', async () => {
    const missing = await stack.request('POST', '/complaints', { body: { channel: 'web' } });
    expect(missing.status).toBe(400);
    expect((missing.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['customer', 'subject', 'description']),
    );
    expect((await stack.request('POST', '/staff/complaints/x/claim')).status).toBe(401);
    // A complaint id is a ULID: another shape is refused as such; a well-formed unknown one is not found.
    expect((await stack.request('GET', '/staff/complaints/NOPE', { token: stack.agentToken })).status).toBe(400);
    expect((await stack.request('GET', '/staff/complaints/01JD0000000000000000000000', { token: stack.agentToken })).status).toBe(404);
    expect((await stack.request('GET', '/nowhere')).status).toBe(404);
  });
});
