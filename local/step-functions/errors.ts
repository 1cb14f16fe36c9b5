/** Error codes of the Step Functions API that this local service can return. */
export type StepFunctionsErrorCode =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'StateMachineDoesNotExist'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'InvalidToken'
  | 'InvalidOutput'
  | 'InvalidExecutionInput'
  | 'InvalidName'
  | 'InvalidArn'
  | 'ValidationException'
  | 'UnknownOperationException'
  | 'SerializationException';

/** Thrown by LocalStepFunctions; `name` is the AWS error code, as the SDK's exceptions have it. */
export class StepFunctionsError extends Error {
  constructor(
    readonly code: StepFunctionsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export function isStepFunctionsError(error: unknown): error is StepFunctionsError {
  return error instanceof StepFunctionsError;
}

// ------------------------------------------------------------ errors raised inside an execution

/** The engine matches Retry/Catch on `name` and reports `message` as the Cause. */
export function taskError(name: string, cause: string): Error {
  const error = new Error(cause);
  error.name = name;
  return error;
}

/**
 * An error that neither Retry nor Catch may match (the engine reads these two
 * flags): `States.Runtime`, and the end of an aborted execution.
 */
export function terminalError(name: string, message: string): Error {
  return Object.assign(taskError(name, message), { isRetryable: false, isCatchable: false });
}

export function isTerminalError(error: unknown): boolean {
  return (error as { isRetryable?: unknown } | null)?.isRetryable === false;
}

export function runtimeError(message: string): Error {
  return terminalError('States.Runtime', message);
}

export const REARM_ERROR = 'Closeloop.EngineTimerRearm';

/** Hands a still-running task back to the engine for an immediate retry that re-arms its timer. */
export function rearmError(): Error {
  return taskError(REARM_ERROR, 'local runtime: re-arming the engine task timer');
}

export function heartbeatTimeoutError(): Error {
  return taskError('States.HeartbeatTimeout', 'States.HeartbeatTimeout');
}

/**
 * What Step Functions reports when a Lambda function throws: Error = the
 * function's errorType, Cause = the JSON error object of the Node.js runtime.
 */
export function lambdaFunctionError(thrown: unknown): Error {
  const errorType =
    thrown instanceof Error
      ? thrown.name || thrown.constructor.name || 'Error'
      : thrown === null
        ? 'null'
        : typeof thrown;
  const errorMessage = thrown instanceof Error ? thrown.message : String(thrown);
  const trace = thrown instanceof Error && thrown.stack ? thrown.stack.split('\n') : [];
  return taskError(errorType, JSON.stringify({ errorType, errorMessage, trace }));
}

/** Name of any thrown value, as Retry/Catch see it. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error';
}
