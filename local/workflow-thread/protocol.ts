/** What the main thread (./host.ts) and the workflow thread (./thread.ts) say to each other. */
import type { WorkflowHistoryEvent } from '../runtime-hooks.ts';
import type { LocalStepFunctions } from '../step-functions/local-step-functions.ts';
import type { ClockNotice, ClockRequest } from './shared-clock.ts';

export interface WorkflowThreadData {
  host: '127.0.0.1';
  /** 0 the first time; after a crash the same port again, which the API handlers already know. */
  port: number;
  region: string;
  accountId: string;
  stateMachineName: string;
  stateMachineArn: string;
  clockBuffer: SharedArrayBuffer;
  /** Set before any handler module loads (they read it at import, as on Lambda). */
  environment: Record<string, string>;
  traceWorkflow: boolean;
  forwardHistory: boolean;
}

type Input<M extends keyof LocalStepFunctions> = LocalStepFunctions[M] extends (input: infer I) => unknown ? I : never;

export type ThreadCall =
  | { method: 'environment'; environment: Record<string, string> }
  | { method: 'startExecution'; input: Input<'startExecution'> }
  | { method: 'listExecutions'; input: Input<'listExecutions'> }
  | { method: 'describeExecution'; input: Input<'describeExecution'> }
  | { method: 'openTasks' }
  | { method: 'idle' }
  | { method: 'memory' }
  | { method: 'close' };

export type HostMessage = ClockNotice | { type: 'call'; id: number; call: ThreadCall };

export type ThreadMessage =
  | ClockRequest
  | { type: 'ready'; url: string }
  | { type: 'reply'; id: number; value?: unknown; error?: { name: string; message: string } }
  | { type: 'log'; line: string }
  | { type: 'history'; event: WorkflowHistoryEvent };
