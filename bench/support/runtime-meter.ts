/**
 * Counts, per complaint, what the local runtime does for it: Lambda
 * invocations and their durations (from the in-process invoker), state
 * transitions and history records (from our Step Functions emulator), SDK
 * usage (./sdk-meter.ts) and the log lines handlers write.
 */
import type { RuntimeHooks, WorkflowHistoryEvent } from '#local/runtime-hooks.ts';
import { InvocationScope, activeScope, runInScope, sequentialCalls } from './invocation-scope.ts';
import { UsageLedger, addUsage, emptyUsage } from './usage.ts';

/** Fixed jobs (the hourly survey sender) are charged here, not to a complaint. */
export const scheduleKey = 'schedule';
export const unattributedKey = 'unattributed';

export interface FunctionTiming {
  invocations: number;
  totalMs: number;
  maxMs: number;
  /** SDK calls the function made, all its invocations together. */
  sdkCalls: Record<string, number>;
  /** Its AWS calls one after another (overlapping ones once), all invocations together, and the most in one. */
  sequentialCalls: number;
  maxSequentialCalls: number;
}

const complaintIdIn = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

function invocationKey(handler: string, event: unknown, result: unknown): string {
  if (handler.startsWith('schedule/')) return scheduleKey;
  const e = (event ?? {}) as {
    complaintId?: unknown;
    pathParameters?: Record<string, unknown> | null;
    headers?: Record<string, unknown> | null;
  };
  const fromEvent =
    complaintIdIn(e.complaintId) ?? complaintIdIn(e.pathParameters?.id) ?? complaintIdIn(e.headers?.['x-bench-complaint']);
  if (fromEvent) return fromEvent;
  // POST /complaints: the id is only known from the answer.
  const body = (result as { body?: unknown } | undefined)?.body;
  if (typeof body === 'string' && body.startsWith('{')) {
    try {
      const id = complaintIdIn((JSON.parse(body) as { id?: unknown }).id);
      if (id) return id;
    } catch {
      // not JSON: unattributed
    }
  }
  return unattributedKey;
}

export class RuntimeMeter {
  readonly ledger = new UsageLedger();
  readonly functions = new Map<string, FunctionTiming>();
  private readonly restores: (() => void)[] = [];

  /** `waitForTokenStates`: Task states that park on a task token (one more history record each). */
  constructor(private readonly waitForTokenStates: ReadonlySet<string>) {}

  hooks(): RuntimeHooks {
    return {
      aroundInvoke: (invocation, invoke) => this.aroundInvoke(invocation.handler, invocation.event, invoke),
      onWorkflowEvent: (event) => this.onWorkflowEvent(event),
    };
  }

  /**
   * Counts what handlers write to stdout and stderr (Powertools writes one
   * JSON line per entry, warnings and errors to stderr) against the
   * invocation that wrote it, and drops it; other writes go through.
   */
  countHandlerLogs(): void {
    for (const stream of [process.stdout, process.stderr]) {
      const own = Object.getOwnPropertyDescriptor(stream, 'write');
      const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
      const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
        const scope = activeScope();
        if (!scope) return original(chunk, ...rest);
        const usage = scope.charge();
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        usage.appLogBytes += Buffer.byteLength(text);
        usage.appLogLines += text.split('\n').length - 1;
        rest.find((r): r is () => void => typeof r === 'function')?.();
        return true;
      };
      Object.defineProperty(stream, 'write', { value: write, configurable: true, writable: true });
      this.restores.push(() => {
        if (own) Object.defineProperty(stream, 'write', own);
        else delete (stream as { write?: unknown }).write;
      });
    }
  }

  stop(): void {
    for (const restore of this.restores.splice(0)) restore();
  }

  private async aroundInvoke(handler: string, event: unknown, invoke: () => Promise<unknown>): Promise<unknown> {
    const scope = new InvocationScope(handler);
    const started = performance.now();
    let result: unknown;
    try {
      result = await runInScope(scope, invoke);
      return result;
    } finally {
      const ms = Math.max(0, performance.now() - started - scope.meteringMs);
      const key = invocationKey(handler, event, result);
      const own = this.ledger.of(key);
      own.lambdaInvocations += 1;
      own.lambdaBilledMs += Math.max(1, Math.ceil(ms));
      own.invocationsByFunction[handler] = (own.invocationsByFunction[handler] ?? 0) + 1;
      const timing = this.functions.get(handler) ?? { invocations: 0, totalMs: 0, maxMs: 0, sdkCalls: {}, sequentialCalls: 0, maxSequentialCalls: 0 };
      const sequential = sequentialCalls(scope.calls);
      timing.sequentialCalls += sequential;
      timing.maxSequentialCalls = Math.max(timing.maxSequentialCalls, sequential);
      for (const [complaintId, usage] of scope.usage) {
        this.ledger.add(complaintId ?? key, usage);
        for (const [call, n] of Object.entries(usage.sdkCalls)) timing.sdkCalls[call] = (timing.sdkCalls[call] ?? 0) + n;
      }
      timing.invocations += 1;
      timing.totalMs += ms;
      timing.maxMs = Math.max(timing.maxMs, ms);
      this.functions.set(handler, timing);
    }
  }

  /**
   * A Standard execution logs, per Task state, Entered, Scheduled, Started,
   * (Submitted, for a task token), Succeeded/TimedOut and Exited records; per
   * Choice, Pass or Succeed state, Entered and Exited; plus the execution's
   * Started and Succeeded/Failed. Payloads appear twice in a Task (its
   * parameters and its result as well as the state's input and output).
   */
  private onWorkflowEvent(event: WorkflowHistoryEvent): void {
    const usage = emptyUsage();
    const payload = event.data === undefined ? 0 : Buffer.byteLength(JSON.stringify(event.data) ?? '');
    const task = event.stateType === 'Task';
    switch (event.type) {
      case 'StateEntered':
        usage.stateTransitions = 1;
        usage.workflowHistoryRecords = task ? (this.waitForTokenStates.has(event.stateName ?? '') ? 5 : 4) : 1;
        usage.workflowPayloadBytes = task ? 2 * payload : payload;
        break;
      case 'StateExited':
        usage.workflowHistoryRecords = 1;
        usage.workflowPayloadBytes = task ? 2 * payload : payload;
        break;
      case 'TaskRetried':
        usage.stateTransitions = 1;
        usage.taskRetries = 1;
        usage.workflowHistoryRecords = 3;
        break;
      case 'ExecutionStarted':
      case 'ExecutionSucceeded':
      case 'ExecutionFailed':
      case 'ExecutionTerminated':
        usage.workflowHistoryRecords = 1;
        break;
      default:
        return;
    }
    addUsage(this.ledger.of(event.executionName), usage);
  }
}
