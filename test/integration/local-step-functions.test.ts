import { afterEach, describe, expect, it } from 'vitest';
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidExecutionInput,
  InvalidName,
  InvalidToken,
  ListExecutionsCommand,
  SFNClient,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  type DescribeExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import { ManualClock, ScaledClock, type RuntimeClock } from '../../local/clock.ts';
import {
  LocalStepFunctions,
  type LambdaHandler,
  type LocalStepFunctionsOptions,
} from '../../local/step-functions/local-step-functions.ts';

const T0 = '2025-03-03T09:00:00.000Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const TOY_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:Toy`;
const TIMERS_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:ToyTimers`;

/** Lambda task -> token task (TimeoutSecondsPath + Catch States.Timeout) -> Choice -> Succeed. */
const toyDefinition = {
  Comment: 'toy complaint flow',
  StartAt: 'Triage',
  States: {
    Triage: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: {
        FunctionName: 'toy-triage',
        Payload: { 'complaintId.$': '$.complaintId' },
      },
      ResultSelector: { 'severity.$': '$.Payload.severity', 'waitSeconds.$': '$.Payload.waitSeconds' },
      ResultPath: '$.triage',
      Retry: [{ ErrorEquals: ['Transient'], IntervalSeconds: 2, MaxAttempts: 2, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'TriageFailed' }],
      Next: 'AwaitResponse',
    },
    AwaitResponse: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: 'toy-await',
        Payload: { 'complaintId.$': '$.complaintId', 'taskToken.$': '$$.Task.Token' },
      },
      // Read from the state input (not from Parameters, where it does not exist).
      TimeoutSecondsPath: '$.triage.waitSeconds',
      ResultPath: '$.response',
      Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'Escalated' }],
      Next: 'Decide',
    },
    Decide: {
      Type: 'Choice',
      Choices: [{ Variable: '$.response.accepted', BooleanEquals: true, Next: 'Done' }],
      Default: 'Rejected',
    },
    Escalated: { Type: 'Pass', Result: 'escalated', ResultPath: '$.outcome', Next: 'Done' },
    TriageFailed: { Type: 'Pass', Result: 'triage-failed', ResultPath: '$.outcome', Next: 'Done' },
    Rejected: { Type: 'Fail', Error: 'Rejected', Cause: 'the customer said no' },
    Done: { Type: 'Succeed' },
  },
};

/** Wait on the clock, `$$.Execution.StartTime` from the clock, machine TimeoutSeconds (10 days). */
const timersDefinition = {
  StartAt: 'Stamp',
  TimeoutSeconds: 10 * 24 * 3600,
  States: {
    Stamp: {
      Type: 'Pass',
      Parameters: { 'startedAt.$': '$$.Execution.StartTime', 'waitSeconds.$': '$.waitSeconds' },
      Next: 'Pause',
    },
    Pause: { Type: 'Wait', SecondsPath: '$.waitSeconds', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

class Transient extends Error {
  override name = 'Transient';
}

interface Harness {
  sfn: LocalStepFunctions;
  client: SFNClient;
  clock: RuntimeClock;
  triageCalls: unknown[];
  awaitCalls: Array<{ complaintId: string; taskToken: string }>;
  /** Replace per test. */
  handlers: { triage: LambdaHandler; await: LambdaHandler };
  logs: string[];
}

const open: Harness[] = [];

afterEach(async () => {
  for (const h of open.splice(0)) {
    h.client.destroy();
    await h.sfn.close();
  }
});

async function setup(
  options: { clock?: RuntimeClock; waitSeconds?: number } & Partial<
    Pick<LocalStepFunctionsOptions, 'engineTimerSliceMs' | 'retryDelay'>
  > = {},
): Promise<Harness & { manual: ManualClock }> {
  const clock = options.clock ?? new ManualClock(T0);
  const triageCalls: unknown[] = [];
  const awaitCalls: Array<{ complaintId: string; taskToken: string }> = [];
  const logs: string[] = [];
  const handlers: Harness['handlers'] = {
    // Real asynchronous work (timers, I/O) that idle() must wait for.
    triage: async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { severity: 'high', waitSeconds: options.waitSeconds ?? 48 * 3600 };
    },
    await: async () => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return { stored: true };
    },
  };
  const sfn = new LocalStepFunctions({
    clock,
    region: REGION,
    stateMachines: [
      { name: 'Toy', arn: TOY_ARN, definition: JSON.stringify(toyDefinition) },
      { name: 'ToyTimers', arn: TIMERS_ARN, definition: JSON.stringify(timersDefinition) },
    ],
    lambdas: {
      'toy-triage': (payload) => {
        triageCalls.push(payload);
        return handlers.triage(payload);
      },
      'toy-await': (payload) => {
        awaitCalls.push(payload as { complaintId: string; taskToken: string });
        return handlers.await(payload);
      },
    },
    log: (line) => logs.push(line),
    ...(options.engineTimerSliceMs !== undefined ? { engineTimerSliceMs: options.engineTimerSliceMs } : {}),
    ...(options.retryDelay !== undefined ? { retryDelay: options.retryDelay } : {}),
  });
  if (clock instanceof ManualClock) clock.setSettle(() => sfn.idle());
  const endpoint = await sfn.listen(0, '127.0.0.1');
  const client = new SFNClient({
    endpoint,
    region: REGION,
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' },
    maxAttempts: 1,
  });
  const h = { sfn, client, clock, triageCalls, awaitCalls, handlers, logs, manual: clock as ManualClock };
  open.push(h);
  return h;
}

async function start(h: Harness, name: string, input: Record<string, unknown> = { complaintId: name }) {
  const out = await h.client.send(
    new StartExecutionCommand({ stateMachineArn: TOY_ARN, name, input: JSON.stringify(input) }),
  );
  await h.sfn.idle();
  return out.executionArn!;
}

async function describe_(h: Harness, executionArn: string): Promise<DescribeExecutionCommandOutput> {
  return h.client.send(new DescribeExecutionCommand({ executionArn }));
}

function outputOf(d: DescribeExecutionCommandOutput): Record<string, unknown> {
  return JSON.parse(d.output ?? 'null') as Record<string, unknown>;
}

describe('LocalStepFunctions over the JSON protocol', () => {
  it('runs the happy path: Lambda result via ResultSelector, token output into the next state', async () => {
    const h = await setup();
    const started = await h.client.send(
      new StartExecutionCommand({
        stateMachineArn: TOY_ARN,
        name: 'c-1',
        input: JSON.stringify({ complaintId: 'c-1' }),
      }),
    );
    expect(started.executionArn).toBe(`arn:aws:states:${REGION}:${ACCOUNT}:execution:Toy:c-1`);
    expect(started.startDate?.toISOString()).toBe(T0);
    await h.sfn.idle();

    expect(h.triageCalls).toEqual([{ complaintId: 'c-1' }]);
    expect(h.awaitCalls).toHaveLength(1);
    const token = h.awaitCalls[0]!.taskToken;
    expect(token).toMatch(/^[A-Za-z0-9_-]{100,}$/);
    expect((await describe_(h, started.executionArn!)).status).toBe('RUNNING');

    await h.client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await h.client.send(
      new SendTaskSuccessCommand({
        taskToken: token,
        output: JSON.stringify({ accepted: true, by: 'agent-7' }),
      }),
    );
    await h.sfn.idle();

    const done = await describe_(h, started.executionArn!);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.name).toBe('c-1');
    expect(done.stateMachineArn).toBe(TOY_ARN);
    expect(done.input).toBe(JSON.stringify({ complaintId: 'c-1' }));
    expect(done.stopDate?.toISOString()).toBe(T0);
    expect(outputOf(done)).toEqual({
      complaintId: 'c-1',
      triage: { severity: 'high', waitSeconds: 172800 },
      response: { accepted: true, by: 'agent-7' },
    });

    // A repeated token is harmless: TaskTimedOut, which callers ignore.
    await expect(h.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(
      TaskTimedOut,
    );
  });

  it('times out exactly at the computed deadline on a ManualClock and routes via Catch; a late token is TaskTimedOut', async () => {
    const h = await setup();
    const arn = await start(h, 'c-timeout');
    const token = h.awaitCalls[0]!.taskToken;
    const deadline = new Date(Date.parse(T0) + 48 * HOUR);

    await h.manual.advanceTo(new Date(deadline.getTime() - 1));
    expect((await describe_(h, arn)).status).toBe('RUNNING');

    await h.manual.advanceTo(deadline);
    const done = await describe_(h, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.stopDate?.toISOString()).toBe(deadline.toISOString());
    const output = outputOf(done);
    expect(output.outcome).toBe('escalated');
    expect((output.timeout as { Error: string }).Error).toBe('States.Timeout');
    expect(output.response).toBeUndefined();

    await expect(
      h.client.send(
        new SendTaskSuccessCommand({
          taskToken: token,
          output: '{"accepted":true}',
        }),
      ),
    ).rejects.toBeInstanceOf(TaskTimedOut);
    await expect(h.client.send(new SendTaskFailureCommand({ taskToken: token, error: 'Late' }))).rejects.toBeInstanceOf(
      TaskTimedOut,
    );
  });

  it.each([20, 30])('a %i-day wait still times out at the right instant on a ManualClock', async (days) => {
    const h = await setup({ waitSeconds: days * 24 * 3600 });
    const arn = await start(h, `c-${days}d`);
    const deadline = Date.parse(T0) + days * DAY;

    await h.manual.advanceTo(new Date(deadline - 1));
    expect((await describe_(h, arn)).status).toBe('RUNNING');
    expect(h.awaitCalls).toHaveLength(1);

    await h.manual.advanceTo(new Date(deadline));
    const done = await describe_(h, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.stopDate?.getTime()).toBe(deadline);
    expect(outputOf(done).outcome).toBe('escalated');
  });

  it('keeps a task parked across many engine-timer re-arms (same token, one handler call)', async () => {
    // The engine's own task timer is set to 20 ms real here, re-armed every 10 ms:
    // without the re-arm it would have failed the task with States.Timeout long ago.
    const h = await setup({ engineTimerSliceMs: 10 });
    const arn = await start(h, 'c-rearm');
    await new Promise((resolve) => setTimeout(resolve, 150));
    await h.sfn.idle();
    expect((await describe_(h, arn)).status).toBe('RUNNING');
    expect(h.awaitCalls).toHaveLength(1);
    expect(h.logs.some((l) => l.includes('States.Timeout') || l.includes('Closeloop.'))).toBe(false);

    await h.manual.advanceBy(47 * HOUR);
    expect((await describe_(h, arn)).status).toBe('RUNNING');
    await h.client.send(
      new SendTaskSuccessCommand({
        taskToken: h.awaitCalls[0]!.taskToken,
        output: '{"accepted":true}',
      }),
    );
    await h.sfn.idle();
    const done = await describe_(h, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done).response).toEqual({ accepted: true });
  });

  it('runs timeouts on a ScaledClock (1000 h per real second)', async () => {
    const h = await setup({ clock: new ScaledClock(3_600_000, new Date(T0)), waitSeconds: 3600 });
    const arn = await start(h, 'c-scaled');
    let status: string | undefined;
    for (let i = 0; i < 200 && status !== 'SUCCEEDED'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await h.sfn.idle();
      status = (await describe_(h, arn)).status;
    }
    const done = await describe_(h, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done).outcome).toBe('escalated');
    // The deadline is one virtual hour after the task started: reached, not skipped by the engine.
    expect(done.stopDate!.getTime()).toBeGreaterThanOrEqual(Date.parse(T0) + HOUR);
  });

  it('rejects unknown tokens: malformed -> InvalidToken, well-formed -> TaskDoesNotExist', async () => {
    const h = await setup();
    await expect(
      h.client.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' })),
    ).rejects.toBeInstanceOf(InvalidToken);
    await expect(
      h.client.send(
        new SendTaskSuccessCommand({
          taskToken: `AQ${'A'.repeat(128)}`,
          output: '{}',
        }),
      ),
    ).rejects.toBeInstanceOf(TaskDoesNotExist);
    await expect(h.sfn.sendTaskFailure({ taskToken: 'nope' })).rejects.toMatchObject({ name: 'InvalidToken' });
  });

  it('StartExecution is idempotent for the same name and input while running, else ExecutionAlreadyExists', async () => {
    const h = await setup();
    const first = await start(h, 'c-2');
    const again = await h.client.send(
      new StartExecutionCommand({
        stateMachineArn: TOY_ARN,
        name: 'c-2',
        input: JSON.stringify({ complaintId: 'c-2' }),
      }),
    );
    await h.sfn.idle();
    expect(again.executionArn).toBe(first);
    expect(again.startDate?.toISOString()).toBe(T0);
    expect(h.triageCalls).toHaveLength(1);

    await expect(
      h.client.send(
        new StartExecutionCommand({
          stateMachineArn: TOY_ARN,
          name: 'c-2',
          input: '{"complaintId":"other"}',
        }),
      ),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);

    await h.client.send(
      new SendTaskSuccessCommand({
        taskToken: h.awaitCalls[0]!.taskToken,
        output: '{"accepted":true}',
      }),
    );
    await h.sfn.idle();
    await expect(
      h.client.send(
        new StartExecutionCommand({
          stateMachineArn: TOY_ARN,
          name: 'c-2',
          input: JSON.stringify({ complaintId: 'c-2' }),
        }),
      ),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('retries a handler error per the ASL Retry, then catches it with Lambda-shaped Error and Cause', async () => {
    const h = await setup();
    h.handlers.triage = () => Promise.reject(new Transient('dynamo is busy'));
    const arn = await start(h, 'c-retry');
    expect(h.triageCalls).toHaveLength(3); // the first call and MaxAttempts 2 retries
    const done = await describe_(h, arn);
    expect(done.status).toBe('SUCCEEDED');
    const output = outputOf(done);
    expect(output.outcome).toBe('triage-failed');
    const failure = output.failure as { Error: string; Cause: string };
    expect(failure.Error).toBe('Transient');
    expect(JSON.parse(failure.Cause)).toMatchObject({ errorType: 'Transient', errorMessage: 'dynamo is busy' });
    expect(h.logs.filter((l) => l.includes('Transient, retry'))).toHaveLength(2);
  });

  it('a retried handler that then succeeds carries on; an error not in Retry is caught at once', async () => {
    const h = await setup();
    let failures = 1;
    h.handlers.triage = () =>
      failures-- > 0 ? Promise.reject(new Transient('once')) : Promise.resolve({ severity: 'low', waitSeconds: 60 });
    await start(h, 'c-retry-ok');
    expect(h.triageCalls).toHaveLength(2);
    expect(h.awaitCalls).toHaveLength(1);

    h.handlers.triage = () => Promise.reject(new TypeError('bug'));
    const arn = await start(h, 'c-fatal');
    expect(h.triageCalls).toHaveLength(3);
    expect((outputOf(await describe_(h, arn)).failure as { Error: string }).Error).toBe('TypeError');
  });

  it('SendTaskFailure fails the task with its error and cause; a handler may complete its own token first', async () => {
    const h = await setup();
    const arn = await start(h, 'c-fail');
    await h.client.send(
      new SendTaskFailureCommand({
        taskToken: h.awaitCalls[0]!.taskToken,
        error: 'AgentRejected',
        cause: 'out of scope',
      }),
    );
    await h.sfn.idle();
    const failed = await describe_(h, arn);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toBe('AgentRejected');
    expect(failed.cause).toBe('out of scope');

    h.handlers.await = async (payload) => {
      await h.sfn.sendTaskSuccess({
        taskToken: (payload as { taskToken: string }).taskToken,
        output: '{"accepted":false}',
      });
      return { stored: true };
    };
    const rejected = await start(h, 'c-early');
    const d = await describe_(h, rejected);
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('Rejected');
  });

  it('StopExecution aborts; its token is then TaskTimedOut; ListExecutions lists newest first', async () => {
    const h = await setup();
    const a = await start(h, 'c-a');
    const b = await start(h, 'c-b');
    const stopped = await h.client.send(
      new StopExecutionCommand({ executionArn: a, error: 'Withdrawn', cause: 'customer withdrew' }),
    );
    expect(stopped.stopDate?.toISOString()).toBe(T0);
    const d = await describe_(h, a);
    expect(d).toMatchObject({ status: 'ABORTED', error: 'Withdrawn', cause: 'customer withdrew' });
    await expect(
      h.client.send(
        new SendTaskSuccessCommand({
          taskToken: h.awaitCalls[0]!.taskToken,
          output: '{}',
        }),
      ),
    ).rejects.toBeInstanceOf(TaskTimedOut);

    const all = await h.client.send(new ListExecutionsCommand({ stateMachineArn: TOY_ARN }));
    expect(all.executions?.map((e) => e.executionArn)).toEqual([b, a]);
    const running = await h.client.send(
      new ListExecutionsCommand({ stateMachineArn: TOY_ARN, statusFilter: 'RUNNING' }),
    );
    expect(running.executions?.map((e) => e.name)).toEqual(['c-b']);
    const paged = await h.client.send(new ListExecutionsCommand({ stateMachineArn: TOY_ARN, maxResults: 1 }));
    expect(paged.executions).toHaveLength(1);
    const next = await h.client.send(
      new ListExecutionsCommand({ stateMachineArn: TOY_ARN, maxResults: 1, nextToken: paged.nextToken }),
    );
    expect(next.executions?.[0]?.name).toBe('c-a');
  });

  it('maps API errors to the SDK exception classes', async () => {
    const h = await setup();
    await expect(
      h.client.send(
        new DescribeExecutionCommand({
          executionArn: `arn:aws:states:${REGION}:${ACCOUNT}:execution:Toy:nope`,
        }),
      ),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(
      h.client.send(
        new StartExecutionCommand({
          stateMachineArn: `${TOY_ARN}Missing`,
          name: 'x',
        }),
      ),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(
      h.client.send(new StartExecutionCommand({ stateMachineArn: TOY_ARN, name: 'has space' })),
    ).rejects.toBeInstanceOf(InvalidName);
    await expect(
      h.client.send(
        new StartExecutionCommand({
          stateMachineArn: TOY_ARN,
          name: 'bad-input',
          input: '{',
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidExecutionInput);
  });

  it('Wait states and the machine TimeoutSeconds run on the clock; $$.Execution.StartTime is the clock start', async () => {
    const h = await setup();
    const run = async (name: string, waitSeconds: number) => {
      const out = await h.client.send(
        new StartExecutionCommand({
          stateMachineArn: TIMERS_ARN,
          name,
          input: JSON.stringify({ waitSeconds }),
        }),
      );
      await h.sfn.idle();
      return out.executionArn!;
    };
    const short = await run('w-3d', 3 * 24 * 3600);
    const long = await run('w-20d', 20 * 24 * 3600);
    await h.manual.advanceTo(new Date(Date.parse(T0) + 3 * DAY - 1));
    expect((await describe_(h, short)).status).toBe('RUNNING');
    await h.manual.advanceBy(1);
    const done = await describe_(h, short);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done).startedAt).toBe(T0);

    await h.manual.advanceTo(new Date(Date.parse(T0) + 10 * DAY - 1));
    expect((await describe_(h, long)).status).toBe('RUNNING');
    await h.manual.advanceBy(1);
    const timedOut = await describe_(h, long);
    expect(timedOut.status).toBe('TIMED_OUT');
    expect(timedOut.stopDate?.getTime()).toBe(Date.parse(T0) + 10 * DAY);
  });

  it('HeartbeatSeconds: SendTaskHeartbeat keeps the task alive; silence fails it with States.HeartbeatTimeout', async () => {
    const clock = new ManualClock(T0);
    const tokens: string[] = [];
    const arn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:Beat`;
    const sfn = new LocalStepFunctions({
      clock,
      stateMachines: [
        {
          name: 'Beat',
          arn,
          definition: JSON.stringify({
            StartAt: 'Work',
            States: {
              Work: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
                Parameters: {
                  FunctionName: 'worker',
                  Payload: { 'token.$': '$$.Task.Token' },
                },
                TimeoutSeconds: 3600,
                HeartbeatSeconds: 60,
                End: true,
              },
            },
          }),
        },
      ],
      lambdas: {
        worker: (p) => {
          tokens.push((p as { token: string }).token);
          return Promise.resolve({});
        },
      },
    });
    clock.setSettle(() => sfn.idle());
    try {
      const { executionArn } = await sfn.startExecution({ stateMachineArn: arn, name: 'b-1' });
      await clock.advanceBy(59_000);
      await sfn.sendTaskHeartbeat({ taskToken: tokens[0]! });
      await clock.advanceBy(59_000);
      expect((await sfn.describeExecution({ executionArn })).status).toBe('RUNNING');
      await clock.advanceBy(1_000);
      const d = await sfn.describeExecution({ executionArn });
      expect(d.status).toBe('FAILED');
      expect(d.error).toBe('States.HeartbeatTimeout');
      expect(d.stopDate?.getTime()).toBe(Date.parse(T0) + 119_000);
    } finally {
      await sfn.close();
    }
  });

  it('the constructor names a Task state it cannot run', () => {
    const clock = new ManualClock(T0);
    const make = (definition: unknown, lambdas: Record<string, LambdaHandler>) =>
      new LocalStepFunctions({
        clock,
        stateMachines: [{ name: 'Toy', arn: TOY_ARN, definition: JSON.stringify(definition) }],
        lambdas,
      });
    const ok: LambdaHandler = () => Promise.resolve({});
    expect(() => make(toyDefinition, { 'toy-triage': ok })).toThrow(/AwaitResponse.*toy-await/);

    const unsupported = structuredClone(toyDefinition) as {
      States: Record<string, Record<string, unknown>>;
    };
    unsupported.States.Triage!.Resource = 'arn:aws:states:::sqs:sendMessage';
    expect(() => make(unsupported, { 'toy-triage': ok, 'toy-await': ok })).toThrow(/"Triage".*sqs:sendMessage/);

    const noToken = structuredClone(toyDefinition) as {
      States: Record<string, Record<string, unknown>>;
    };
    noToken.States.AwaitResponse!.Parameters = {
      FunctionName: 'toy-await',
      Payload: {},
    };
    expect(() => make(noToken, { 'toy-triage': ok, 'toy-await': ok })).toThrow(/AwaitResponse.*Task\.Token/);

    expect(() => make(toyDefinition, { 'toy-triage': ok, 'toy-await': ok })).not.toThrow();
  });
});
