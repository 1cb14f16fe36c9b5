import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime } from '#local/runtime.ts';
import { aFilingBody } from '../support/builders.ts';
import { LocalStack } from '../support/local-stack.ts';
import { workflowHealth } from '../support/workflow-health.ts';

interface Filed {
  id: string;
  caseNumber: string;
}

/**
 * The workflow on its own thread, as `npm start` runs it: the thread reads
 * the main thread's manual clock, its waits fire as the clock moves, and when
 * the thread dies a new one takes every open complaint back from the table,
 * as a restarted runtime does, without sending anything twice.
 */
describe('The workflow thread of the local runtime', () => {
  let stack: LocalStack;
  const customers = {
    silent: { id: 'c-thread-1', name: '周先生', email: 'zhou@example.com', locale: 'zh-CN' as const },
    answered: { id: 'c-thread-2', name: 'Ada', email: 'ada@example.com', locale: 'en' as const },
  };
  const filed: Record<keyof typeof customers, Filed> = {} as never;

  beforeAll(async () => {
    // Mon 2025-11-24 10:00 Shanghai.
    stack = await LocalStack.start('2025-11-24T02:00:00.000Z');
  });
  afterAll(async () => stack.stop());

  const parkedIn = async () =>
    Object.fromEntries((await stack.runtime.stepFunctions.openTasks()).map((task) => [task.executionName, task.stateName]));

  it('runs each filing to its first wait on the thread, on the runtime clock', async () => {
    expect(stack.runtime.workflowThread).toBeDefined();
    for (const key of ['silent', 'answered'] as const) {
      const answer = await stack.request<Filed>('POST', '/complaints', { body: aFilingBody({ customer: customers[key] }) });
      expect(answer.status).toBe(201);
      filed[key] = answer.body;
    }
    expect(await parkedIn()).toEqual({ [filed.silent.id]: 'AwaitResponse', [filed.answered.id]: 'AwaitResponse' });
    const staffCase = await stack.staffCase(filed.silent.id);
    // Registered by the thread's AwaitStep, planned at the main thread's time: the warning at 75 % of the 48 hours.
    expect(staffCase.wait).toMatchObject({ kind: 'response', until: '2025-11-25T14:00:00.000Z' });

    await stack.advanceBy(2);
    const response = await stack.request('POST', `/staff/complaints/${filed.answered.id}/responses`, {
      token: stack.agentToken,
      body: { message: 'We are looking into your order and will write again within two days.' },
    });
    expect(response.status).toBe(201);
    expect(await parkedIn()).toEqual({ [filed.silent.id]: 'AwaitResponse', [filed.answered.id]: 'AwaitResolution' });
  });

  it('replaces a thread that dies and resumes every open complaint where the table says it is', async () => {
    await stack.runtime.workflowThread!.crash();
    await stack.runtime.settle();

    expect(stack.runtime.workflowThread!.restarts).toBe(1);
    expect(await parkedIn()).toEqual({ [filed.silent.id]: 'AwaitResponse', [filed.answered.id]: 'AwaitResolution' });
    expect(await workflowHealth(stack)).toEqual({ running: expect.arrayContaining([filed.silent.id, filed.answered.id]), stuck: [], failed: [] });
    // Resuming sends nothing again: one acknowledgement each, one response email.
    expect((await stack.emailsTo(customers.silent.email)).map((m) => m.subject)).toEqual([`【投诉受理】案件编号 ${filed.silent.caseNumber}`]);
    expect(await stack.emailsTo(customers.answered.email)).toHaveLength(2);
  });

  it('fires the new thread’s waits as the clock moves: the silent case is escalated once at 48 hours, the answered one not', async () => {
    await stack.advanceTo('2025-11-26T02:00:01.000Z');
    const escalations = await stack.escalations();
    expect(escalations.map((m) => m.message.includes(filed.silent.caseNumber))).toEqual([true]);
    expect((await stack.staffCase(filed.silent.id)).escalationLevel).toBe(1);
    expect((await stack.staffCase(filed.answered.id)).escalationLevel).toBe(0);
    expect(await workflowHealth(stack)).toMatchObject({ stuck: [], failed: [] });
  });

  it('refuses an invocation hook it could not apply to the workflow thread, before starting anything', async () => {
    await expect(startLocalRuntime({ port: 0, hooks: { aroundInvoke: (_invocation, invoke) => invoke() } })).rejects.toThrow(
      "hooks.aroundInvoke wraps the workflow's invocations only with workflowIn: 'process'",
    );
  });
});
