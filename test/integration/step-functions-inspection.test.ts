import { readFile } from 'node:fs/promises';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  InvalidToken,
  ListActivitiesCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  paginateGetExecutionHistory,
  paginateListExecutions,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '#local/clock.ts';
import { LocalStepFunctions } from '#local/step-functions/local-step-functions.ts';
import { aFilingBody } from '../support/builders.ts';
import { FaultInjector } from '../support/faults.ts';
import { LocalStack } from '../support/local-stack.ts';

interface Filed {
  id: string;
  accessToken: string;
}

// Mon 2025-11-24 10:00 Shanghai.
const T0 = '2025-11-24T02:00:00.000Z';

/** The events of a request-response Task state that succeeds at once, as Step Functions writes them. */
const task = ['TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited'];
/** A `.waitForTaskToken` Task state completed by SendTaskSuccess. */
const tokenTask = ['TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited'];
const choice = ['ChoiceStateEntered', 'ChoiceStateExited'];

const entered = (e: HistoryEvent) => e.stateEnteredEventDetails?.name;
const json = (text: string | undefined): unknown => JSON.parse(text ?? 'null');

/**
 * What `aws stepfunctions get-execution-history`, `describe-state-machine` and
 * `list-executions --status-filter RUNNING` send (the CLI follows nextToken
 * itself), here through the SDK against the local runtime's endpoint.
 */
describe('Inspecting complaint workflows on the local Step Functions as the AWS CLI does', () => {
  const faults = new FaultInjector({ seed: 9 }).install();
  let stack: LocalStack;
  let sfn: SFNClient;
  let done: Filed;
  let open: Filed;
  const executionArn = (complaintId: string) =>
    `${stack.runtime.stateMachineArn.replace(':stateMachine:', ':execution:')}:${complaintId}`;
  const history = async (complaintId: string) =>
    (await sfn.send(new GetExecutionHistoryCommand({ executionArn: executionArn(complaintId) }))).events ?? [];

  beforeAll(async () => {
    stack = await LocalStack.start(T0, { workflowIn: 'process' });
    sfn = new SFNClient({
      endpoint: stack.runtime.endpoints.stepFunctions,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    sfn.destroy();
    await stack.stop();
  });

  it('describe-state-machine returns the ASL it runs, ACTIVE and STANDARD, created at the clock start', async () => {
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: stack.runtime.stateMachineArn }));
    expect(described).toMatchObject({
      stateMachineArn: 'arn:aws:states:eu-west-1:000000000000:stateMachine:closeloop-complaint',
      name: 'closeloop-complaint',
      status: 'ACTIVE',
      type: 'STANDARD',
      roleArn: 'arn:aws:iam::000000000000:role/closeloop-local-step-functions',
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    });
    expect(described.creationDate?.toISOString()).toBe(T0);
    const asl = JSON.parse(await readFile('statemachines/complaint.asl.json', 'utf8')) as { States: object };
    const definition = JSON.parse(described.definition ?? '{}') as { StartAt: string; States: object };
    expect(definition.StartAt).toBe('Triage');
    expect(Object.keys(definition.States)).toEqual(Object.keys(asl.States));
    // The definition as deployed: every ${...} substituted with the function it names.
    expect(described.definition).not.toContain('${');
    expect(described.definition).toContain('arn:aws:lambda:eu-west-1:000000000000:function:closeloop-PlanNextStep');

    const listed = await sfn.send(new ListStateMachinesCommand({}));
    expect(listed.stateMachines).toEqual([
      { stateMachineArn: stack.runtime.stateMachineArn, name: 'closeloop-complaint', type: 'STANDARD', creationDate: new Date(T0) },
    ]);
  });

  it('list-executions --status-filter RUNNING lists every open complaint newest first, a page at a time', async () => {
    // The first acknowledgement email fails through the SDK's three attempts: the Task fails once and its Retry sends it.
    const outage = faults.inject({ command: 'SendEmail', fault: 'ServiceUnavailable', calls: [1, 2, 3] });
    done = (await stack.request<Filed>('POST', '/complaints', { body: aFilingBody() })).body;
    expect(outage.injected).toBe(3);
    await stack.advanceBy(1);
    open = (
      await stack.request<Filed>('POST', '/complaints', {
        body: aFilingBody({ customer: { id: 'c-77', name: 'Wu Fang', email: 'wu@example.com', locale: 'zh-CN' } }),
      })
    ).body;

    const running = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: stack.runtime.stateMachineArn, statusFilter: 'RUNNING' }),
    );
    expect(running.executions?.map((e) => [e.name, e.status, e.startDate?.toISOString()])).toEqual([
      [open.id, 'RUNNING', '2025-11-24T03:00:00.000Z'],
      [done.id, 'RUNNING', T0],
    ]);
    expect(running.nextToken).toBeUndefined();

    const pages: string[][] = [];
    for await (const page of paginateListExecutions(
      { client: sfn, pageSize: 1 },
      { stateMachineArn: stack.runtime.stateMachineArn, statusFilter: 'RUNNING' },
    )) {
      pages.push((page.executions ?? []).map((e) => e.name ?? ''));
    }
    expect(pages).toEqual([[open.id], [done.id]]);
  });

  it('describe-state-machine-for-execution names the machine an execution runs', async () => {
    const described = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn: executionArn(open.id) }));
    expect(described).toMatchObject({ stateMachineArn: stack.runtime.stateMachineArn, name: 'closeloop-complaint' });
    expect(described.updateDate?.toISOString()).toBe(T0);
    const machine = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: stack.runtime.stateMachineArn }));
    expect(described.definition).toBe(machine.definition);
    expect(described.roleArn).toBe(machine.roleArn);
  });

  it('a finished complaint leaves the RUNNING list and shows under SUCCEEDED', async () => {
    await stack.request('POST', `/staff/complaints/${done.id}/claim`, { token: stack.agentToken });
    await stack.advanceBy(2); // 05:00
    await stack.request('POST', `/staff/complaints/${done.id}/responses`, { token: stack.agentToken, body: { message: '已联系承运商。' } });
    await stack.advanceBy(20); // Tue 01:00
    await stack.request('POST', `/staff/complaints/${done.id}/resolution`, {
      token: stack.agentToken,
      body: { rootCause: '分拣延误', resolution: '已补发', compensation: '20 元优惠券' },
    });
    await stack.request('POST', `/complaints/${done.id}/confirmation`, { token: done.accessToken, body: { decision: 'accept' } });

    const list = async (statusFilter: 'RUNNING' | 'SUCCEEDED') =>
      (await sfn.send(new ListExecutionsCommand({ stateMachineArn: stack.runtime.stateMachineArn, statusFilter }))).executions?.map(
        (e) => [e.name, e.stopDate?.toISOString()],
      );
    expect(await list('RUNNING')).toEqual([[open.id, undefined]]);
    expect(await list('SUCCEEDED')).toEqual([[done.id, '2025-11-25T01:00:00.000Z']]);
  });

  it('get-execution-history tells the run state by state: numbered from 1, each event after the one before, on the runtime clock', async () => {
    const events = await history(done.id);
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      ...task, // Triage
      // SendAcknowledgement: the failed attempt, then its retry, inside one state entry.
      'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited',
      // Each step and each completed wait hands back the next plan: no planner Task in between.
      ...choice, ...tokenTask, // route, AwaitResponse
      ...choice, ...tokenTask, // route, AwaitResolution
      ...choice, ...tokenTask, // route, AwaitConfirmation
      ...choice, ...task, // route, CloseComplaint
      ...choice, // route
      'SucceedStateEntered', 'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.filter(entered).map(entered)).toEqual([
      'Triage', 'SendAcknowledgement',
      'Route', 'AwaitResponse',
      'Route', 'AwaitResolution',
      'Route', 'AwaitConfirmation',
      'Route', 'CloseComplaint',
      'Route', 'Done',
    ]);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events.map((e) => e.previousEventId)).toEqual(events.map((_, i) => i));

    // Time moves only when the clock does: the response at 05:00, the resolution and the confirmation on Tuesday at 01:00.
    const when = (type: string, state: string) =>
      events
        .filter((e, i) => e.type === type && events.slice(0, i).findLast((p) => entered(p))?.stateEnteredEventDetails?.name === state)
        .map((e) => e.timestamp?.toISOString());
    expect(when('TaskSucceeded', 'AwaitResponse')).toEqual(['2025-11-24T05:00:00.000Z']);
    expect(when('TaskSucceeded', 'AwaitConfirmation')).toEqual(['2025-11-25T01:00:00.000Z']);
    expect(events[0]!.timestamp?.toISOString()).toBe(T0);
    expect(events.at(-1)!.timestamp?.toISOString()).toBe('2025-11-25T01:00:00.000Z');

    expect(events[0]!.executionStartedEventDetails).toEqual({
      input: JSON.stringify({ complaintId: done.id }),
      inputDetails: { truncated: false },
      roleArn: 'arn:aws:iam::000000000000:role/closeloop-local-step-functions',
    });
    expect(events[1]!.stateEnteredEventDetails).toEqual({
      name: 'Triage',
      input: JSON.stringify({ complaintId: done.id }),
      inputDetails: { truncated: false },
    });
    expect(events[2]!.taskScheduledEventDetails).toEqual({
      resourceType: 'lambda',
      resource: 'invoke',
      region: 'eu-west-1',
      parameters: JSON.stringify({
        FunctionName: 'arn:aws:lambda:eu-west-1:000000000000:function:closeloop-TriageComplaint',
        Payload: { complaintId: done.id },
      }),
    });
    expect(events[3]!.taskStartedEventDetails).toEqual({ resourceType: 'lambda', resource: 'invoke' });
    expect(json(events[4]!.taskSucceededEventDetails?.output)).toMatchObject({
      StatusCode: 200,
      Payload: { complaintId: done.id, phase: 'AWAITING_RESPONSE' },
    });
    // Triage's ResultPath is null: it leaves its input as it was.
    expect(events[5]!.stateExitedEventDetails).toEqual({
      name: 'Triage',
      output: JSON.stringify({ complaintId: done.id }),
      outputDetails: { truncated: false },
    });
    const failed = events.find((e) => e.type === 'TaskFailed')!;
    expect(failed.taskFailedEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke', error: 'ServiceUnavailable' });
    expect(json(failed.taskFailedEventDetails?.cause)).toMatchObject({ errorType: 'ServiceUnavailable' });

    const awaitResponse = events.findIndex((e) => entered(e) === 'AwaitResponse');
    const [scheduled, started, submitted, succeeded] = events.slice(awaitResponse + 1, awaitResponse + 5);
    expect(scheduled!.taskScheduledEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      region: 'eu-west-1',
      // TimeoutSecondsPath, read from the plan: 36 of the 48 hours, when the warning is due.
      timeoutInSeconds: 36 * 3600,
    });
    const parameters = json(scheduled!.taskScheduledEventDetails?.parameters) as { Payload: Record<string, unknown> };
    expect(parameters.Payload).toMatchObject({ complaintId: done.id, kind: 'response', until: '2025-11-25T14:00:00.000Z' });
    expect(parameters.Payload.taskToken).toMatch(/^AQ[\w-]{128}$/);
    expect(started!.taskStartedEventDetails).toEqual({ resourceType: 'lambda', resource: 'invoke.waitForTaskToken' });
    expect(json(submitted!.taskSubmittedEventDetails?.output)).toMatchObject({ StatusCode: 200 });
    expect(succeeded!.taskSucceededEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke.waitForTaskToken' });
    // The response's wake carries the plan made from the answered case: wait for the resolution.
    expect(json(succeeded!.taskSucceededEventDetails?.output)).toMatchObject({ action: 'await', kind: 'resolution' });

    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(done.id) }));
    expect(events.at(-1)!.executionSucceededEventDetails).toEqual({ output: execution.output, outputDetails: { truncated: false } });
  });

  it('get-execution-history pages with maxResults and nextToken, newest first with reverseOrder, and without data on request', async () => {
    const all = await history(done.id);
    expect(all).toHaveLength(50);

    const pages: HistoryEvent[][] = [];
    for await (const page of paginateGetExecutionHistory({ client: sfn, pageSize: 10 }, { executionArn: executionArn(done.id) })) {
      pages.push(page.events ?? []);
    }
    expect(pages.map((p) => p.length)).toEqual([10, 10, 10, 10, 10]);
    expect(pages.flat()).toEqual(all);

    const newest = await sfn.send(new GetExecutionHistoryCommand({ executionArn: executionArn(done.id), reverseOrder: true, maxResults: 3 }));
    expect(newest.events?.map((e) => [e.id, e.type])).toEqual([
      [50, 'ExecutionSucceeded'],
      [49, 'SucceedStateExited'],
      [48, 'SucceedStateEntered'],
    ]);
    const older = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: executionArn(done.id), reverseOrder: true, maxResults: 3, nextToken: newest.nextToken }),
    );
    expect(older.events?.map((e) => e.id)).toEqual([47, 46, 45]);
    // A token belongs to the listing it came from.
    await expect(
      sfn.send(new GetExecutionHistoryCommand({ executionArn: executionArn(open.id), nextToken: newest.nextToken })),
    ).rejects.toBeInstanceOf(InvalidToken);

    const bare = await sfn.send(new GetExecutionHistoryCommand({ executionArn: executionArn(done.id), includeExecutionData: false, maxResults: 6 }));
    expect(bare.events?.map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited']);
    expect(bare.events?.[0]!.executionStartedEventDetails).toEqual({ roleArn: 'arn:aws:iam::000000000000:role/closeloop-local-step-functions' });
    expect(bare.events?.[1]!.stateEnteredEventDetails).toEqual({ name: 'Triage' });
    expect(bare.events?.[2]!.taskScheduledEventDetails).toEqual({ resourceType: 'lambda', resource: 'invoke', region: 'eu-west-1' });
    expect(bare.events?.[4]!.taskSucceededEventDetails).toEqual({ resourceType: 'lambda', resource: 'invoke' });
  });

  it('a wait that reaches its deadline shows TaskTimedOut at that instant, then the Catch to the next plan', async () => {
    await stack.advanceTo('2025-11-25T14:59:59.000Z'); // 75 % of the 48 hours from 03:00
    const before = await history(open.id);
    expect(before.at(-1)!.type).toBe('TaskSubmitted');
    await stack.advanceTo('2025-11-25T15:00:00.000Z');
    await stack.advanceBy(1);

    const events = await history(open.id);
    const timedOut = events.findIndex((e) => e.type === 'TaskTimedOut');
    expect(timedOut).toBe(before.length);
    expect(events[timedOut]!.timestamp?.toISOString()).toBe('2025-11-25T15:00:00.000Z');
    expect(events[timedOut]!.taskTimedOutEventDetails).toEqual({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      error: 'States.Timeout',
      cause: 'States.Timeout',
    });
    expect(events.slice(timedOut + 1, timedOut + 13).map((e) => `${e.type}${entered(e) ? ` ${entered(e)}` : ''}`)).toEqual([
      'TaskStateExited',
      'TaskStateEntered PlanNextStep', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited',
      'ChoiceStateEntered Route', 'ChoiceStateExited',
      'TaskStateEntered Warn', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded',
    ]);
    expect(events.at(-1)!.type).toBe('TaskSubmitted');
  });

  it('stop-execution ends the waiting Task with TaskStateAborted, then ExecutionAborted with its error and cause', async () => {
    await sfn.send(new StopExecutionCommand({ executionArn: executionArn(open.id), error: 'Withdrawn', cause: 'the customer withdrew' }));
    await stack.runtime.settle();
    const events = await history(open.id);
    expect(events.slice(-3).map((e) => e.type)).toEqual(['TaskSubmitted', 'TaskStateAborted', 'ExecutionAborted']);
    expect(events.at(-1)!.executionAbortedEventDetails).toEqual({ error: 'Withdrawn', cause: 'the customer withdrew' });
    expect(events.at(-1)!.timestamp?.toISOString()).toBe('2025-11-25T16:00:00.000Z');
    expect(events.map((e) => e.previousEventId)).toEqual(events.map((_, i) => i));
    const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn: stack.runtime.stateMachineArn, statusFilter: 'RUNNING' }));
    expect(running.executions).toEqual([]);
  });

  it('an operation the local service does not speak answers UnknownOperationException, as the service does', async () => {
    await expect(sfn.send(new ListActivitiesCommand({}))).rejects.toMatchObject({
      name: 'UnknownOperationException',
      $metadata: { httpStatusCode: 400 },
    });
    const raw = await fetch(stack.runtime.endpoints.stepFunctions, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.GetExecutionHistories' },
      body: '{}',
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({
      __type: 'UnknownOperationException',
      message: 'Unknown operation AWSStepFunctions.GetExecutionHistories',
    });
  });
});

describe('Task retries on the runtime clock, as the history shows them', () => {
  it("with retryDelay 'clock' each retry waits its ASL interval with backoff on the clock, inside one state entry", async () => {
    const arn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:Retried';
    const clock = new ManualClock(T0);
    let calls = 0;
    const local = new LocalStepFunctions({
      clock,
      stateMachines: [
        {
          name: 'Retried',
          arn,
          definition: JSON.stringify({
            StartAt: 'Work',
            States: {
              Work: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Parameters: { FunctionName: 'work', Payload: {} },
                Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 2 }],
                End: true,
              },
            },
          }),
        },
      ],
      lambdas: {
        work: () => (++calls < 3 ? Promise.reject(new Error('busy')) : Promise.resolve({ ok: true })),
      },
      retryDelay: 'clock',
    });
    clock.setSettle(() => local.idle());
    try {
      const { executionArn } = await local.startExecution({ stateMachineArn: arn, name: 'retried-1' });
      await local.idle();
      const attempts = async () =>
        (await local.getExecutionHistory({ executionArn })).events
          .filter((e) => e.type === 'TaskScheduled' || e.type === 'TaskFailed' || e.type === 'TaskSucceeded')
          .map((e) => `${e.type} ${e.timestamp.toISOString()}`);
      expect(await attempts()).toEqual(['TaskScheduled 2025-11-24T02:00:00.000Z', 'TaskFailed 2025-11-24T02:00:00.000Z']);
      await clock.advanceBy(1_999);
      expect(calls).toBe(1);
      await clock.advanceBy(1);
      await clock.advanceBy(3_999);
      expect(calls).toBe(2);
      await clock.advanceBy(1);
      expect(await attempts()).toEqual([
        'TaskScheduled 2025-11-24T02:00:00.000Z',
        'TaskFailed 2025-11-24T02:00:00.000Z',
        'TaskScheduled 2025-11-24T02:00:02.000Z',
        'TaskFailed 2025-11-24T02:00:02.000Z',
        'TaskScheduled 2025-11-24T02:00:06.000Z',
        'TaskSucceeded 2025-11-24T02:00:06.000Z',
      ]);
      const events = (await local.getExecutionHistory({ executionArn })).events;
      expect(events.filter((e) => e.type === 'TaskStateEntered')).toHaveLength(1);
      expect((await local.describeExecution({ executionArn })).status).toBe('SUCCEEDED');
    } finally {
      await local.close();
    }
  });
});

describe('History events of the state types and Task forms the complaint workflow does not use', () => {
  const arn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:Forms';
  const lambdaArn = 'arn:aws:lambda:eu-west-1:123456789012:function:check';

  it('a Lambda ARN Resource writes LambdaFunction* events, a Wait waits on the clock, a Fail ends in ExecutionFailed', async () => {
    const clock = new ManualClock(T0);
    let calls = 0;
    const local = new LocalStepFunctions({
      clock,
      stateMachines: [
        {
          name: 'Forms',
          arn,
          definition: JSON.stringify({
            StartAt: 'Stamp',
            States: {
              Stamp: { Type: 'Pass', Result: { n: 1 }, Next: 'Pause' },
              Pause: { Type: 'Wait', Seconds: 3600, Next: 'Check' },
              Check: {
                Type: 'Task',
                Resource: lambdaArn,
                TimeoutSeconds: 30,
                Retry: [{ ErrorEquals: ['Busy'], MaxAttempts: 1 }],
                Next: 'Give up',
              },
              'Give up': { Type: 'Fail', Error: 'Rejected', Cause: 'not today' },
            },
          }),
        },
      ],
      lambdas: {
        [lambdaArn]: () => {
          calls++;
          return calls === 1 ? Promise.reject(Object.assign(new Error('try later'), { name: 'Busy' })) : Promise.resolve({ ok: true });
        },
      },
      retryDelay: 0,
    });
    clock.setSettle(() => local.idle());
    const client = new SFNClient({
      endpoint: await local.listen(0, '127.0.0.1'),
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    try {
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'forms-1' }));
      await local.idle();
      await clock.advanceBy(3600_000);
      const { events = [] } = await client.send(new GetExecutionHistoryCommand({ executionArn }));
      expect(events.map((e) => `${e.type} ${e.timestamp?.toISOString()}`)).toEqual([
        `ExecutionStarted ${T0}`,
        `PassStateEntered ${T0}`,
        `PassStateExited ${T0}`,
        `WaitStateEntered ${T0}`,
        'WaitStateExited 2025-11-24T03:00:00.000Z',
        'TaskStateEntered 2025-11-24T03:00:00.000Z',
        'LambdaFunctionScheduled 2025-11-24T03:00:00.000Z',
        'LambdaFunctionStarted 2025-11-24T03:00:00.000Z',
        'LambdaFunctionFailed 2025-11-24T03:00:00.000Z',
        'LambdaFunctionScheduled 2025-11-24T03:00:00.000Z',
        'LambdaFunctionStarted 2025-11-24T03:00:00.000Z',
        'LambdaFunctionSucceeded 2025-11-24T03:00:00.000Z',
        'TaskStateExited 2025-11-24T03:00:00.000Z',
        'FailStateEntered 2025-11-24T03:00:00.000Z',
        'ExecutionFailed 2025-11-24T03:00:00.000Z',
      ]);
      expect(events.map((e) => e.previousEventId)).toEqual(events.map((_, i) => i));
      expect(events[6]!.lambdaFunctionScheduledEventDetails).toEqual({
        resource: lambdaArn,
        input: JSON.stringify({ n: 1 }),
        inputDetails: { truncated: false },
        timeoutInSeconds: 30,
      });
      expect(events[8]!.lambdaFunctionFailedEventDetails).toMatchObject({ error: 'Busy' });
      expect(events[11]!.lambdaFunctionSucceededEventDetails).toEqual({
        output: JSON.stringify({ ok: true }),
        outputDetails: { truncated: false },
      });
      expect(events.at(-1)!.executionFailedEventDetails).toEqual({ error: 'Rejected', cause: 'not today' });
    } finally {
      client.destroy();
      await local.close();
    }
  });

  it('refuses Parallel and Map states at construction, naming the state', () => {
    const make = (state: Record<string, unknown>) =>
      new LocalStepFunctions({
        clock: new ManualClock(T0),
        stateMachines: [{ name: 'Fan', arn, definition: JSON.stringify({ StartAt: 'Fan', States: { Fan: { ...state, End: true } } }) }],
        lambdas: {},
      });
    const branch = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    expect(() => make({ Type: 'Parallel', Branches: [branch] })).toThrow('state machine "Fan", state "Fan": Parallel states are not supported locally');
    expect(() => make({ Type: 'Map', ItemProcessor: branch })).toThrow('state machine "Fan", state "Fan": Map states are not supported locally');
  });
});
