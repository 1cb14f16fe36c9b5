import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;

/** One call of a function, as the code it runs can see it. */
export interface RunningInvocation {
  functionName: string;
  requestId: string;
  /**
   * The handler will not finish (a connection that never answers): report the
   * timeout now. Real time would reach the same answer only after the whole
   * timeout, so this keeps a test off the wall clock without changing the outcome.
   */
  willNotFinish(): void;
}

const invocations = new AsyncLocalStorage<RunningInvocation>();

export function currentInvocation(): RunningInvocation | undefined {
  return invocations.getStore();
}

/**
 * Lambda's own answer for a function that ran past its timeout: the Node.js
 * runtime reports errorType `Sandbox.Timedout`, which Step Functions surfaces
 * as the task's Error (matched by `States.TaskFailed` in a Retry).
 */
export class FunctionTimedOutError extends Error {
  override readonly name = 'Sandbox.Timedout';

  constructor(requestId: string, timeoutMs: number) {
    super(`RequestId: ${requestId} Error: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
  }
}

/**
 * Calls a handler as Lambda does: the context counts down from the function's
 * timeout, and a handler still running at the end of it fails the invocation
 * with `Sandbox.Timedout`. A process cannot kill its own promise, so the late
 * handler's result is dropped, as a frozen sandbox's would be.
 */
export function invokeFunction(
  functionName: string,
  handler: LambdaHandler,
  event: unknown,
  timeoutMs: number,
): Promise<unknown> {
  const requestId = randomUUID();
  const deadline = Date.now() + timeoutMs;
  const context = {
    functionName,
    awsRequestId: requestId,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    callbackWaitsForEmptyEventLoop: false,
  };
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      settle();
    };
    const timeOut = () => finish(() => reject(new FunctionTimedOutError(requestId, timeoutMs)));
    const timer = setTimeout(timeOut, timeoutMs);
    // A hung handler must not keep a stopping process alive for its timeout.
    timer.unref();
    const running = new Promise((run) =>
      run(invocations.run({ functionName, requestId, willNotFinish: timeOut }, () => handler(event, context))),
    );
    running.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}
