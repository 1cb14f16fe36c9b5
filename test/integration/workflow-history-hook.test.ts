import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../local/clock.ts';
import type { WorkflowHistoryEvent } from '../../local/runtime-hooks.ts';
import { LocalStepFunctions } from '../../local/step-functions/local-step-functions.ts';

const ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:Counted';

/** Task (retried once) -> Choice -> Succeed: four state transitions as AWS bills them. */
const definition = {
  StartAt: 'Work',
  States: {
    Work: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'work', Payload: { 'n.$': '$.n' } },
      ResultSelector: { 'done.$': '$.Payload.done' },
      ResultPath: '$.work',
      Retry: [{ ErrorEquals: ['Transient'], IntervalSeconds: 1, MaxAttempts: 2 }],
      Next: 'Finished?',
    },
    'Finished?': { Type: 'Choice', Choices: [{ Variable: '$.work.done', BooleanEquals: true, Next: 'Done' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

const open: LocalStepFunctions[] = [];
afterEach(async () => {
  for (const sfn of open.splice(0)) await sfn.close();
});

describe('Local Step Functions: the history observer', () => {
  it('sees every state entered and every Task retry, named after its execution', async () => {
    const events: WorkflowHistoryEvent[] = [];
    let calls = 0;
    const sfn = new LocalStepFunctions({
      clock: new ManualClock('2025-03-03T09:00:00.000Z'),
      stateMachines: [{ name: 'Counted', arn: ARN, definition: JSON.stringify(definition) }],
      lambdas: {
        work: () => {
          calls++;
          if (calls === 1) return Promise.reject(Object.assign(new Error('try again'), { name: 'Transient' }));
          return Promise.resolve({ done: true });
        },
      },
      retryDelay: 0,
      onHistoryEvent: (event) => events.push(event),
    });
    open.push(sfn);

    const { executionArn } = await sfn.startExecution({ stateMachineArn: ARN, name: 'case-1', input: '{"n":1}' });
    await sfn.idle();

    expect((await sfn.describeExecution({ executionArn })).status).toBe('SUCCEEDED');
    // The engine's own events reach the observer a few microtasks after ours (retries), so order is not compared.
    const transitions = events.filter((e) => e.type === 'StateEntered' || e.type === 'TaskRetried');
    expect(transitions.map((e) => `${e.type} ${e.stateName}`).sort()).toEqual([
      'StateEntered Done',
      'StateEntered Finished?',
      'StateEntered Work',
      'TaskRetried Work',
    ]);
    expect(new Set(events.map((e) => e.executionName))).toEqual(new Set(['case-1']));
    expect(events.find((e) => e.type === 'StateEntered' && e.stateName === 'Work')).toMatchObject({ stateType: 'Task', data: { n: 1 } });
  });
});
