import { describe, expect, it } from 'vitest';
import { workflowTasks } from '#declarations/workflow-tasks.ts';
import { ManualClock } from '#local/clock.ts';
import { LocalStepFunctions } from '#local/step-functions/local-step-functions.ts';
import { handlerLoader, localLambdaArn, localWorkflow } from '#local/workflow-wiring.ts';

describe('Local workflow wiring', () => {
  it('gives every Task state of the ASL an in-process handler (the engine refuses a state without one)', async () => {
    const { definition, lambdas } = await localWorkflow(handlerLoader());
    expect(definition).not.toMatch(/\$\{\w+\}/);
    expect(Object.keys(lambdas).sort()).toEqual(workflowTasks.map((t) => localLambdaArn(t.functionName)).sort());
    const engine = new LocalStepFunctions({
      clock: new ManualClock('2025-01-01T00:00:00Z'),
      stateMachines: [{ name: 'm', arn: 'arn:aws:states:eu-west-1:000000000000:stateMachine:m', definition }],
      lambdas,
    });
    await engine.close();
  });

  it('refuses to start when a handler is missing', async () => {
    const { definition, lambdas } = await localWorkflow(handlerLoader());
    const { [localLambdaArn('EscalateComplaint')]: _missing, ...rest } = lambdas;
    expect(
      () =>
        new LocalStepFunctions({
          clock: new ManualClock('2025-01-01T00:00:00Z'),
          stateMachines: [{ name: 'm', arn: 'arn:aws:states:eu-west-1:000000000000:stateMachine:m', definition }],
          lambdas: rest,
        }),
    ).toThrow(/Escalate/);
  });

  it('every declared workflow handler module exports a handler function', async () => {
    const load = handlerLoader();
    for (const task of workflowTasks) expect(typeof (await load(task.handler))).toBe('function');
  });
});
