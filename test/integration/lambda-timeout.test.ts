import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '#local/clock.ts';
import { currentInvocation, invokeFunction } from '#local/lambda-invocation.ts';
import { LocalStepFunctions } from '#local/step-functions/local-step-functions.ts';

const machineArn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:Timeouts';

/** One Lambda task; what its Retry and Catch see of a timed-out function lands in the output. */
function definition(retry: boolean) {
  return JSON.stringify({
    StartAt: 'Step',
    States: {
      Step: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'slow', Payload: { 'n.$': '$.n' } },
        ResultSelector: { 'answer.$': '$.Payload' },
        ...(retry ? { Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 2 }] } : {}),
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Failed' }],
        End: true,
      },
      Failed: { Type: 'Pass', End: true },
    },
  });
}

/** A function whose first `hangs` calls never finish (a call that never answers), as the fault injection's `hang` does. */
function slowFunction(hangs: number) {
  let calls = 0;
  return async (event: unknown) => {
    calls++;
    if (calls <= hangs) {
      currentInvocation()!.willNotFinish();
      return new Promise<never>(() => undefined);
    }
    return { calls, event };
  };
}

describe('A workflow function that runs past its timeout, on the local Step Functions', () => {
  let engine: LocalStepFunctions | undefined;
  afterEach(async () => engine?.close());

  async function run(retry: boolean, hangs: number) {
    const handler = slowFunction(hangs);
    engine = new LocalStepFunctions({
      clock: new ManualClock('2025-11-24T02:00:00.000Z'),
      stateMachines: [{ name: 'Timeouts', arn: machineArn, definition: definition(retry) }],
      lambdas: { slow: (payload) => invokeFunction('slow', (event) => handler(event), payload, 30_000) },
      retryDelay: 0,
    });
    const { executionArn } = await engine.startExecution({ stateMachineArn: machineArn, input: JSON.stringify({ n: 1 }) });
    await engine.idle();
    return engine.describeExecution({ executionArn });
  }

  it('fails the task with Sandbox.Timedout and the Lambda runtime error object as its cause', async () => {
    const execution = await run(false, 1);
    expect(execution.status).toBe('SUCCEEDED');
    const { failure } = JSON.parse(execution.output!) as { failure: { Error: string; Cause: string } };
    expect(failure.Error).toBe('Sandbox.Timedout');
    expect(JSON.parse(failure.Cause)).toMatchObject({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/^RequestId: [\w-]+ Error: Task timed out after 30\.00 seconds$/),
    });
  });

  it('is retried by a Retry on States.TaskFailed, and the retry that finishes is the task result', async () => {
    const execution = await run(true, 2);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output!)).toEqual({ answer: { calls: 3, event: { n: 1 } } });
  });

  it('goes to the Catch once the retries are spent', async () => {
    const execution = await run(true, 3);
    expect(JSON.parse(execution.output!)).toMatchObject({ failure: { Error: 'Sandbox.Timedout' } });
  });
});
