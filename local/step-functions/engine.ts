/**
 * The one place that loads aws-local-stepfunctions (it calls `Promise.withResolvers`,
 * so it needs Node 22 or newer: package.json pins Node 24), and that learns the
 * engine's internal `States.Timeout` class.
 */
import { StateMachine, ExecutionError, type StateMachineDefinition } from 'aws-local-stepfunctions';

export { StateMachine, ExecutionError, type StateMachineDefinition };

type ErrorClass = new () => Error;

let timeoutClass: ErrorClass | undefined;
let probing: Promise<void> | undefined;

/**
 * The engine's `States.TaskFailed` wildcard in a Catch skips an error only if it
 * is an instance of its own (unexported) StatesTimeoutError class. Our timeouts
 * must be instances of it too, or `ErrorEquals: ["States.TaskFailed"]` would
 * catch them (AWS: TaskFailed matches every error except States.Timeout). One
 * throwaway run with a 1 ms engine timeout hands us an instance (about 2 ms).
 */
export function loadEngineInternals(): Promise<void> {
  probing ??= (async () => {
    const probe = new StateMachine(
      {
        StartAt: 'Probe',
        States: {
          Probe: { Type: 'Task', Resource: 'local:probe', TimeoutSeconds: 0.001, End: true },
        },
      } as unknown as StateMachineDefinition,
      { validationOptions: { noValidate: true } },
    );
    const run = probe.run(
      {},
      {
        overrides: {
          taskResourceLocalHandlers: { Probe: () => new Promise<never>(() => undefined) },
        },
      },
    );
    try {
      await run.result;
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof Error && cause.name === 'States.Timeout') {
        timeoutClass = cause.constructor as ErrorClass;
      }
    }
  })();
  return probing;
}

/** A `States.Timeout` error that the engine treats exactly like its own task timeout. */
export function statesTimeoutError(): Error {
  if (timeoutClass) return new timeoutClass();
  const error = new Error('States.Timeout');
  error.name = 'States.Timeout';
  return error;
}

const validated = new Map<string, string | undefined>();

/**
 * The engine's own validation (asl-validator) of a definition as written.
 * asl-validator compiles its schemas on every call (100-250 ms), so results
 * are kept per definition text.
 */
export function validateDefinition(definitionText: string): void {
  if (!validated.has(definitionText)) {
    try {
      new StateMachine(JSON.parse(definitionText) as StateMachineDefinition);
      validated.set(definitionText, undefined);
    } catch (error) {
      validated.set(definitionText, (error as Error).message);
    }
  }
  const problem = validated.get(definitionText);
  if (problem !== undefined) throw new Error(problem);
}
