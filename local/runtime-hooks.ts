/**
 * Optional observers of the local runtime, for measurement only (`npm run
 * bench` counts Lambda invocations and state transitions through them). The
 * product never sets them, and without them the runtime behaves the same.
 */

/** One in-process Lambda invocation: the handler module (e.g. `api/file-complaint`) and its event. */
export interface Invocation {
  handler: string;
  event: unknown;
}

/**
 * Wraps every in-process Lambda invocation (API, workflow task, schedule):
 * it must call `invoke` once and return (or throw) what it returns.
 */
export type InvocationHook = (invocation: Invocation, invoke: () => Promise<unknown>) => Promise<unknown>;

/**
 * One history event of an execution: the engine's own (`StateEntered`,
 * `StateExited`, `ExecutionSucceeded`, ...) or `TaskRetried` when a Task
 * attempt is retried by its ASL Retry (on AWS each retry is a state transition).
 */
export interface WorkflowHistoryEvent {
  machineName: string;
  executionName: string;
  type: string;
  stateName?: string;
  stateType?: string;
  /** The state's input (entered) or output (exited), as the engine holds it. */
  data?: unknown;
}

export interface RuntimeHooks {
  aroundInvoke?: InvocationHook;
  onWorkflowEvent?: (event: WorkflowHistoryEvent) => void;
}
