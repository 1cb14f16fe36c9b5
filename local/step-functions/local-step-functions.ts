/**
 * A local stand-in for AWS Step Functions (Standard workflows, JSONPath ASL).
 *
 * aws-local-stepfunctions walks the states (paths, Choice, Pass, Catch, Fail,
 * Succeed, intrinsic functions). Parallel and Map are refused (see
 * definition.ts). Everything that involves time or an outside party is ours,
 * so it runs on the runtime clock:
 *
 * - Task attempts, their Retry (see `retryDelay`), TimeoutSeconds(Path),
 *   HeartbeatSeconds(Path), and `.waitForTaskToken` (a fresh token per
 *   attempt, parked until SendTaskSuccess / SendTaskFailure / timeout).
 * - Wait states and the machine's TimeoutSeconds.
 *
 * The engine arms a real-time timer on every Task (60 s by default; Node fires
 * anything above 24.8 days at once). Each rewritten Task carries a large
 * engine TimeoutSeconds, and before it can fire our code hands the still
 * running task back to the engine with a private error that one extra
 * retrier catches; the engine retries at once, calls us again, and we
 * reattach the same attempt (same token, same deadline, no second handler
 * call). So the engine's own timer never decides anything, whatever the
 * clock does. See `engineTimerSliceMs`.
 *
 * Each execution keeps its history as `GetExecutionHistory` returns it
 * (./history.ts), from the engine's state events and our task events.
 *
 * `listen()` serves the Step Functions JSON protocol so `SFNClient` and the
 * AWS CLI work unchanged (./http-server.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { RunOptions } from 'aws-local-stepfunctions';
import type { RuntimeClock, TimerHandle } from '../clock.ts';
import type { WorkflowHistoryEvent } from '../runtime-hooks.ts';
import {
  CLOCK_START_TIME_KEY,
  isObject,
  prepareMachine,
  replaceStrings,
  type Json,
  type PreparedMachine,
  type TaskSpec,
  type WrappedTaskInput,
  type WrappedWaitInput,
} from './definition.ts';
import { ExecutionError, StateMachine, loadEngineInternals, statesTimeoutError, validateDefinition } from './engine.ts';
import {
  StepFunctionsError,
  errorName,
  heartbeatTimeoutError,
  isTerminalError,
  lambdaFunctionError,
  rearmError,
  runtimeError,
  taskError,
  terminalError,
} from './errors.ts';
import { ExecutionHistory, TaskEvents, isStateType, withoutExecutionData, type HistoryEvent } from './history.ts';
import { createStepFunctionsHttpServer } from './http-server.ts';
import { pageOf } from './page.ts';
import { RetryCounter, type RetryDecision } from './retry.ts';

export { StepFunctionsError } from './errors.ts';
export type { Json } from './definition.ts';
export type { HistoryEvent } from './history.ts';

export type LambdaHandler = (payload: unknown) => Promise<unknown>;

/** A service integration Resource served in process (its result becomes the task result). */
export type IntegrationHandler = (
  parameters: unknown,
  context: { executionArn: string; stateName: string },
) => Promise<unknown>;

/**
 * How long a Task waits before a retry:
 * - a number: that many real milliseconds, whatever the ASL says (default 10);
 * - a function: real milliseconds computed from the ASL interval (e.g. `(ms) => ms / 3600`);
 * - 'clock': the ASL interval on the runtime clock (as on AWS; a ManualClock must be advanced).
 */
export type RetryDelay =
  | number
  | 'clock'
  | ((aslDelayMs: number, info: { machineName: string; stateName: string; attempt: number }) => number);

export interface LocalStepFunctionsOptions {
  clock: RuntimeClock;
  /** ASL text with `${...}` substitutions already applied. */
  stateMachines: Array<{ name: string; arn: string; definition: string }>;
  /** By FunctionName exactly as in Parameters.FunctionName (or the Resource, for a Lambda ARN Resource). */
  lambdas: Record<string, LambdaHandler>;
  /** By Resource without `.waitForTaskToken`, e.g. `arn:aws:states:::sns:publish`. */
  integrations?: Record<string, IntegrationHandler>;
  /** Used for execution ARNs when a state machine ARN does not carry them. */
  region?: string;
  accountId?: string;
  log?: (line: string) => void;
  retryDelay?: RetryDelay;
  /**
   * Real milliseconds after which a running Task re-arms the engine's own task
   * timer (which is set to about twice this, at most 2,147,483 s). Default
   * 2,000,000,000 (23 days). Tests lower it to watch the mechanism work.
   */
  engineTimerSliceMs?: number;
  /** Sees every history event of every execution (benchmarks count state transitions with it). */
  onHistoryEvent?: (event: WorkflowHistoryEvent) => void;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
}

export type ExecutionListItem = Pick<
  ExecutionDescription,
  'executionArn' | 'stateMachineArn' | 'name' | 'status' | 'startDate' | 'stopDate'
>;

export interface StateMachineDescription {
  stateMachineArn: string;
  name: string;
  /** The ASL text as given (substitutions applied), as the service returns it. */
  definition: string;
  roleArn: string;
  /** When this LocalStepFunctions was built, on the runtime clock. */
  creationDate: Date;
}

interface Machine {
  name: string;
  arn: string;
  partition: string;
  region: string;
  accountId: string;
  definition: string;
  roleArn: string;
  creationDate: Date;
  prepared: PreparedMachine;
  engine: StateMachine;
  executions: Execution[];
}

interface Execution {
  arn: string;
  name: string;
  machine: Machine;
  input: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  /** Aborted when the execution closes: open tokens, clock waits and retries end with it. */
  controller: AbortController;
  /** Rejects when the execution closes. */
  closed: Promise<never>;
  /** Tasks handed back to the engine to re-arm its timer, waiting to be reattached. */
  detached: Operation[];
  abortEngine: () => void;
  /** The engine's event stream has ended (the final status line is written after it). */
  drained: boolean;
  timeoutTimer?: TimerHandle;
  history: ExecutionHistory;
}

/** One entry into a Task state: every attempt and retry of it, until it has a result. */
interface Operation {
  stateName: string;
  key: string;
  done: Promise<Json>;
}

interface OpenToken {
  exec: Execution;
  stateName: string;
  settle(outcome: { value: Json } | { error: Error }): boolean;
  heartbeat?: () => void;
}

type EngineOverrides = NonNullable<RunOptions['overrides']>;

const DEFAULT_SLICE_MS = 2_000_000_000;
const MAX_ENGINE_TIMEOUT_SECONDS = 2_147_483;
const TOKEN_FORMAT = /^AQ[A-Za-z0-9_-]{128}$/;
// AWS: 1-80 characters, no whitespace, brackets, wildcards, special or control characters.
const EXECUTION_NAME =
  // eslint-disable-next-line no-control-regex
  /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/;
const STATE_MACHINE_ARN = /^arn:([^:]+):states:([^:]*):([^:]*):stateMachine:([^:]+)$/;

export class LocalStepFunctions {
  private readonly clock: RuntimeClock;
  private readonly lambdas: Record<string, LambdaHandler>;
  private readonly integrations: Record<string, IntegrationHandler>;
  private readonly machines = new Map<string, Machine>();
  private readonly executions = new Map<string, Execution>();
  private readonly openTokens = new Map<string, OpenToken>();
  private readonly closedTokens = new Set<string>();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly retryDelay: RetryDelay;
  private readonly sliceMs: number;
  private readonly logLine: (line: string) => void;
  private readonly onHistoryEvent: ((event: WorkflowHistoryEvent) => void) | undefined;
  /** Stands for `$$.Task.Token` in the engine's context; replaced by a real token per attempt. */
  private readonly tokenPlaceholder = `closeloop-task-token-${randomBytes(12).toString('hex')}`;
  private activity = 0;
  private closed = false;
  private server: Server | undefined;

  constructor(opts: LocalStepFunctionsOptions) {
    this.clock = opts.clock;
    this.lambdas = { ...opts.lambdas };
    this.integrations = { ...(opts.integrations ?? {}) };
    this.retryDelay = opts.retryDelay ?? 10;
    this.sliceMs = opts.engineTimerSliceMs ?? DEFAULT_SLICE_MS;
    if (!(this.sliceMs > 0 && this.sliceMs <= DEFAULT_SLICE_MS)) {
      throw new RangeError(`engineTimerSliceMs must be in (0, ${DEFAULT_SLICE_MS}]`);
    }
    this.logLine = opts.log ?? (() => undefined);
    this.onHistoryEvent = opts.onHistoryEvent;
    const engineTimeoutSeconds = Math.min(MAX_ENGINE_TIMEOUT_SECONDS, (this.sliceMs * 2) / 1000);

    for (const sm of opts.stateMachines) {
      if (this.machines.has(sm.arn)) throw new Error(`state machine ARN ${sm.arn} is listed twice`);
      const prepared = prepareMachine(sm.definition, {
        machineName: sm.name,
        lambdas: new Set(Object.keys(this.lambdas)),
        integrations: new Set(Object.keys(this.integrations)),
        engineTimeoutSeconds,
      });
      try {
        validateDefinition(sm.definition);
      } catch (error) {
        throw new Error(`state machine "${sm.name}": ${(error as Error).message}`, { cause: error });
      }
      const engine = new StateMachine(prepared.engineDefinition, {
        validationOptions: { noValidate: true },
      });
      const arnParts = STATE_MACHINE_ARN.exec(sm.arn);
      const partition = arnParts?.[1] ?? 'aws';
      const accountId = arnParts?.[3] || opts.accountId || '123456789012';
      this.machines.set(sm.arn, {
        name: sm.name,
        arn: sm.arn,
        partition,
        region: arnParts?.[2] || opts.region || 'us-east-1',
        accountId,
        definition: sm.definition,
        roleArn: `arn:${partition}:iam::${accountId}:role/closeloop-local-step-functions`,
        creationDate: this.clock.now(),
        prepared,
        engine,
        executions: [],
      });
    }
    void loadEngineInternals();
  }

  // ------------------------------------------------------------------ API

  async startExecution(input: {
    stateMachineArn: string;
    name?: string;
    input?: string;
  }): Promise<{ executionArn: string; startDate: Date }> {
    this.assertOpen();
    await loadEngineInternals();
    const machine = this.machine(input.stateMachineArn);
    const name = input.name ?? randomUUID();
    if (!EXECUTION_NAME.test(name)) throw new StepFunctionsError('InvalidName', `Invalid Name: '${name}'`);
    const inputText = input.input ?? '{}';
    let parsedInput: Json;
    try {
      parsedInput = JSON.parse(inputText) as Json;
    } catch (error) {
      throw new StepFunctionsError(
        'InvalidExecutionInput',
        `Invalid State Machine Execution Input: '${(error as Error).message}'`,
      );
    }
    const executionArn = `arn:${machine.partition}:states:${machine.region}:${machine.accountId}:execution:${machine.name}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === inputText) {
        return { executionArn, startDate: existing.startDate };
      }
      throw new StepFunctionsError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }

    const controller = new AbortController();
    const closed = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(this.closedError(exec)), { once: true });
    });
    closed.catch(() => undefined);
    const exec: Execution = {
      arn: executionArn,
      name,
      machine,
      input: inputText,
      status: 'RUNNING',
      startDate: this.clock.now(),
      controller,
      closed,
      detached: [],
      abortEngine: () => undefined,
      drained: false,
      history: new ExecutionHistory(() => this.clock.now()),
    };
    exec.history.add(
      'ExecutionStarted',
      {
        key: 'executionStartedEventDetails',
        value: { input: inputText, inputDetails: { truncated: false }, roleArn: machine.roleArn },
      },
      exec.startDate,
    );
    this.executions.set(executionArn, exec);
    machine.executions.push(exec);
    this.touch();
    this.log(exec, `started ${inputText.length > 200 ? `${inputText.slice(0, 200)}...` : inputText}`);

    const tasks = [...machine.prepared.tasks.values()];
    const overrides: EngineOverrides = {
      taskResourceLocalHandlers: Object.fromEntries(
        tasks.map((spec) => [spec.stateName, (taskInput: unknown) => this.onTask(exec, spec, taskInput as Json)]),
      ),
      // Our tasks only carry the re-arm retrier, which retries at once.
      retryIntervalOverrides: Object.fromEntries(tasks.map((t) => [t.stateName, 0])),
    };
    const run = machine.engine.run(parsedInput, {
      overrides,
      noThrowOnAbort: true,
      context: {
        Execution: {
          Id: executionArn,
          Name: name,
          RoleArn: machine.roleArn,
          RedriveCount: 0,
          [CLOCK_START_TIME_KEY]: exec.startDate.toISOString(),
        },
        StateMachine: { Id: machine.arn, Name: machine.name },
        Task: { Token: this.tokenPlaceholder },
      },
    });
    exec.abortEngine = run.abort;
    void this.drainEvents(exec, run.eventLogs);
    run.result.then(
      (output) => this.finish(exec, 'SUCCEEDED', { output: JSON.stringify(output ?? null) }),
      (error: unknown) => {
        const cause = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : error;
        this.finish(exec, 'FAILED', {
          error: errorName(cause),
          cause: cause instanceof Error ? cause.message : String(cause),
        });
      },
    );
    if (machine.prepared.timeoutSeconds !== undefined) {
      const at = new Date(exec.startDate.getTime() + machine.prepared.timeoutSeconds * 1000);
      exec.timeoutTimer = this.clock.setTimer(at, () => {
        if (this.finish(exec, 'TIMED_OUT', { error: 'States.Timeout', cause: 'The execution timed out.' })) {
          exec.abortEngine();
        }
      });
    }
    return { executionArn, startDate: exec.startDate };
  }

  sendTaskSuccess(input: { taskToken: string; output: string }): Promise<void> {
    return settled(() => {
      this.assertOpen();
      const record = this.openToken(input.taskToken);
      let value: Json;
      try {
        value = JSON.parse(input.output) as Json;
      } catch (error) {
        throw new StepFunctionsError('InvalidOutput', `Invalid Output: '${(error as Error).message}'`);
      }
      if (record.settle({ value })) this.log(record.exec, `${record.stateName}: SendTaskSuccess`);
    });
  }

  sendTaskFailure(input: { taskToken: string; error?: string; cause?: string }): Promise<void> {
    return settled(() => {
      this.assertOpen();
      const record = this.openToken(input.taskToken);
      if (record.settle({ error: taskError(input.error ?? '', input.cause ?? '') })) {
        this.log(record.exec, `${record.stateName}: SendTaskFailure`);
      }
    });
  }

  sendTaskHeartbeat(input: { taskToken: string }): Promise<void> {
    return settled(() => {
      this.assertOpen();
      this.openToken(input.taskToken).heartbeat?.();
    });
  }

  stopExecution(input: { executionArn: string; error?: string; cause?: string }): Promise<{ stopDate: Date }> {
    return settled(() => {
      this.assertOpen();
      const exec = this.execution(input.executionArn);
      if (this.finish(exec, 'ABORTED', { error: input.error, cause: input.cause })) exec.abortEngine();
      return { stopDate: exec.stopDate ?? this.clock.now() };
    });
  }

  describeExecution(input: { executionArn: string }): Promise<ExecutionDescription> {
    return settled(() => this.describe(this.execution(input.executionArn)));
  }

  private describe(exec: Execution): ExecutionDescription {
    return {
      executionArn: exec.arn,
      stateMachineArn: exec.machine.arn,
      name: exec.name,
      status: exec.status,
      startDate: exec.startDate,
      input: exec.input,
      ...(exec.stopDate ? { stopDate: exec.stopDate } : {}),
      ...(exec.output !== undefined ? { output: exec.output } : {}),
      ...(exec.error !== undefined ? { error: exec.error } : {}),
      ...(exec.cause !== undefined ? { cause: exec.cause } : {}),
    };
  }

  /** Newest first, like the service; `nextToken` is an opaque offset. */
  listExecutions(input: {
    stateMachineArn: string;
    statusFilter?: ExecutionStatus;
    maxResults?: number;
    nextToken?: string;
  }): Promise<{ executions: ExecutionListItem[]; nextToken?: string }> {
    return settled(() => this.list(input));
  }

  private list(input: Parameters<LocalStepFunctions['listExecutions']>[0]): {
    executions: ExecutionListItem[];
    nextToken?: string;
  } {
    const machine = this.machine(input.stateMachineArn);
    const all = machine.executions
      .filter((e) => input.statusFilter === undefined || e.status === input.statusFilter)
      .reverse();
    const page = pageOf(all, `executions ${machine.arn} ${input.statusFilter ?? ''}`, input);
    return {
      executions: page.items.map((e) => ({
        executionArn: e.arn,
        stateMachineArn: machine.arn,
        name: e.name,
        status: e.status,
        startDate: e.startDate,
        ...(e.stopDate ? { stopDate: e.stopDate } : {}),
      })),
      ...(page.nextToken !== undefined ? { nextToken: page.nextToken } : {}),
    };
  }

  listStateMachines(input: { maxResults?: number; nextToken?: string } = {}): {
    stateMachines: StateMachineDescription[];
    nextToken?: string;
  } {
    const page = pageOf([...this.machines.values()], 'state machines', input);
    return {
      stateMachines: page.items.map(describeMachine),
      ...(page.nextToken !== undefined ? { nextToken: page.nextToken } : {}),
    };
  }

  describeStateMachine(input: { stateMachineArn: string }): Promise<StateMachineDescription> {
    return settled(() => describeMachine(this.machine(input.stateMachineArn)));
  }

  describeStateMachineForExecution(input: { executionArn: string }): Promise<StateMachineDescription> {
    return settled(() => describeMachine(this.execution(input.executionArn).machine));
  }

  /**
   * The execution's events, oldest first unless `reverseOrder`; paged like
   * the service (100 by default, at most 1000); `includeExecutionData: false`
   * leaves out inputs, outputs and task parameters.
   */
  getExecutionHistory(input: {
    executionArn: string;
    maxResults?: number;
    nextToken?: string;
    reverseOrder?: boolean;
    includeExecutionData?: boolean;
  }): Promise<{ events: HistoryEvent[]; nextToken?: string }> {
    return settled(() => {
      const exec = this.execution(input.executionArn);
      let events = exec.history.list();
      if (input.reverseOrder) events.reverse();
      if (input.includeExecutionData === false) events = events.map(withoutExecutionData);
      const page = pageOf(events, `history ${exec.arn} ${input.reverseOrder ? 'reverse' : 'forward'}`, input);
      return { events: page.items, ...(page.nextToken !== undefined ? { nextToken: page.nextToken } : {}) };
    });
  }

  /**
   * Every `.waitForTaskToken` task parked now, with its execution. With
   * `idle()` it tells a parked execution from a stuck one: running, nothing
   * in flight, and no open token means nothing will ever move it.
   */
  openTasks(): Array<{ executionArn: string; executionName: string; stateName: string }> {
    return [...this.openTokens.values()].map((t) => ({
      executionArn: t.exec.arn,
      executionName: t.exec.name,
      stateName: t.stateName,
    }));
  }

  /**
   * Resolves once no execution is busy: every running execution is parked (on
   * a task token, a clock timer, a 'clock' retry) or finished, and no handler
   * call or real-time retry pause is in flight. Between our hooks the engine
   * only runs microtasks, so one macrotask turn without activity is enough.
   */
  async idle(): Promise<void> {
    for (;;) {
      const before = this.activity;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.inflight.size > 0) {
        await Promise.allSettled([...this.inflight]);
        continue;
      }
      if (this.activity === before) return;
    }
  }

  /** Serves the Step Functions JSON protocol; returns the endpoint URL for `SFNClient({ endpoint })`. */
  async listen(port: number, host: string): Promise<string> {
    this.assertOpen();
    if (this.server) throw new Error('LocalStepFunctions is already listening');
    const server = createStepFunctionsHttpServer(this);
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
    const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${hostPart}:${address.port}`;
  }

  /** Stops the server, aborts running executions, cancels every timer. Idempotent. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      for (const exec of this.executions.values()) {
        if (
          this.finish(exec, 'ABORTED', {
            error: 'Closeloop.LocalRuntimeStopped',
            cause: 'local Step Functions closed',
          })
        ) {
          exec.abortEngine();
        }
      }
    }
    const server = this.server;
    this.server = undefined;
    if (server?.listening) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  }

  // ------------------------------------------------------------------ tasks

  /** The engine calls this for every Task (and rewritten Wait) state entry, and after each re-arm. */
  private onTask(exec: Execution, spec: TaskSpec, input: Json): Promise<Json> {
    this.touch();
    if (exec.controller.signal.aborted) return Promise.reject(this.closedError(exec));
    const key = JSON.stringify(input);
    let index = exec.detached.findIndex((op) => op.stateName === spec.stateName && op.key === key);
    if (index < 0) index = exec.detached.findIndex((op) => op.stateName === spec.stateName);
    if (index >= 0) {
      const [op] = exec.detached.splice(index, 1);
      return this.attach(exec, op as Operation);
    }
    this.log(exec, `-> ${spec.stateName}`);
    const entry = exec.history.begin(spec.stateName);
    const events = new TaskEvents(exec.history, entry, {
      resource: spec.resource,
      lambdaArn: spec.target.kind === 'lambda' && !spec.target.envelope,
      region: exec.machine.region,
    });
    const done = Promise.race([this.runTask(exec, spec, input, events), exec.closed]);
    done.then(
      () => this.touch(),
      () => this.touch(),
    );
    return this.attach(exec, { stateName: spec.stateName, key, done });
  }

  /** The engine's view of an operation: its result, unless the re-arm slice ends first. */
  private attach(exec: Execution, op: Operation): Promise<Json> {
    return new Promise<Json>((resolve, reject) => {
      const slice = realTimer(this.sliceMs, false, () => {
        exec.detached.push(op);
        this.touch();
        reject(rearmError());
      });
      op.done.then(
        (value) => {
          slice.cancel();
          resolve(value);
        },
        (error: Error) => {
          slice.cancel();
          reject(error);
        },
      );
    });
  }

  private async runTask(exec: Execution, spec: TaskSpec, input: Json, events: TaskEvents): Promise<Json> {
    if (spec.target.kind === 'wait') return this.runWait(exec, spec, input as unknown as WrappedWaitInput);
    if (!isObject(input) || !('params' in input)) throw runtimeError(`state ${spec.stateName}: unexpected task input`);
    const wrapped = input as unknown as WrappedTaskInput;
    const timeoutSeconds =
      spec.timeoutSeconds ?? positiveInteger(wrapped.timeoutSeconds, 'TimeoutSecondsPath', spec.timeoutSecondsPath);
    const heartbeatSeconds =
      spec.heartbeatSeconds ??
      positiveInteger(wrapped.heartbeatSeconds, 'HeartbeatSecondsPath', spec.heartbeatSecondsPath);
    const retries = new RetryCounter(spec.retriers);
    for (;;) {
      try {
        const result = spec.waitForTaskToken
          ? await this.waitForToken(exec, spec, wrapped.params, events, timeoutSeconds, heartbeatSeconds)
          : await this.requestResponse(exec, spec, wrapped.params, events, timeoutSeconds);
        events.succeeded(result);
        return result;
      } catch (error) {
        if (isTerminalError(error) || exec.controller.signal.aborted) throw error;
        events.failed(errorName(error), error instanceof Error ? error.message : String(error));
        const decision = retries.next(errorName(error));
        if (!decision) {
          this.log(exec, `${spec.stateName}: ${errorName(error)}`);
          throw error;
        }
        this.onHistoryEvent?.({
          machineName: exec.machine.name,
          executionName: exec.name,
          type: 'TaskRetried',
          stateName: spec.stateName,
          stateType: 'Task',
        });
        await this.retryPause(exec, spec, decision, errorName(error));
      }
    }
  }

  /**
   * A request-response Task. Its TimeoutSeconds bounds the handler's real
   * running time (a Lambda runs in real time; on a sped-up clock a 30 s
   * timeout would otherwise be a few milliseconds).
   */
  private async requestResponse(
    exec: Execution,
    spec: TaskSpec,
    params: Json,
    events: TaskEvents,
    timeoutSeconds?: number,
  ): Promise<Json> {
    events.scheduled(params, timeoutSeconds);
    events.started();
    const call = this.invokeTarget(exec, spec, params);
    if (timeoutSeconds === undefined) return call;
    return new Promise<Json>((resolve, reject) => {
      const timer = realTimer(timeoutSeconds * 1000, true, () => reject(statesTimeoutError()));
      call.then(
        (value) => {
          timer.cancel();
          resolve(value);
        },
        (error: Error) => {
          timer.cancel();
          reject(error);
        },
      );
    });
  }

  /** `.waitForTaskToken`: a fresh token, the handler called with it, then parked until the token or a timer settles. */
  private waitForToken(
    exec: Execution,
    spec: TaskSpec,
    params: Json,
    events: TaskEvents,
    timeoutSeconds?: number,
    heartbeatSeconds?: number,
  ): Promise<Json> {
    return new Promise<Json>((resolve, reject) => {
      const token = `AQ${randomBytes(96).toString('base64url')}`;
      const signal = exec.controller.signal;
      const timers = new Set<TimerHandle>();
      const onAbort = () => record.settle({ error: this.closedError(exec) });
      const record: OpenToken = {
        exec,
        stateName: spec.stateName,
        settle: (outcome) => {
          if (!this.openTokens.delete(token)) return false;
          this.closedTokens.add(token);
          for (const timer of timers) timer.cancel();
          signal.removeEventListener('abort', onAbort);
          this.touch();
          if ('error' in outcome) reject(outcome.error);
          else resolve(outcome.value);
          return true;
        },
      };
      this.openTokens.set(token, record);
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) return onAbort();

      const startedAt = this.clock.now().getTime();
      if (timeoutSeconds !== undefined) {
        const deadline = new Date(startedAt + timeoutSeconds * 1000);
        this.log(exec, `${spec.stateName}: waiting for its task token until ${deadline.toISOString()}`);
        timers.add(
          this.clock.setTimer(deadline, () => {
            record.settle({ error: statesTimeoutError() });
          }),
        );
      } else {
        this.log(exec, `${spec.stateName}: waiting for its task token (no timeout)`);
      }
      if (heartbeatSeconds !== undefined) {
        let beat: TimerHandle | undefined;
        record.heartbeat = () => {
          if (beat) {
            beat.cancel();
            timers.delete(beat);
          }
          const at = new Date(this.clock.now().getTime() + heartbeatSeconds * 1000);
          beat = this.clock.setTimer(at, () => {
            record.settle({ error: heartbeatTimeoutError() });
          });
          timers.add(beat);
        };
        record.heartbeat();
      }
      if (!this.openTokens.has(token)) return; // a timer already past (ScaledClock fires those at once)

      const request = replaceStrings(params, this.tokenPlaceholder, token);
      events.scheduled(request, timeoutSeconds, heartbeatSeconds);
      events.started();
      this.invokeTarget(exec, spec, request).then(
        (response) => {
          if (this.openTokens.has(token)) events.submitted(response);
        },
        (error: unknown) => {
          record.settle({ error: error as Error });
        },
      );
    });
  }

  /** Calls the Lambda handler or integration; resolves to the task result of a request-response call. */
  private async invokeTarget(exec: Execution, spec: TaskSpec, params: Json): Promise<Json> {
    const target = spec.target;
    if (target.kind === 'lambda') {
      if (!target.envelope) return this.callLambda(target.functionName, params);
      const request = isObject(params) ? params : {};
      const payload = request.Payload ?? {};
      const requestId = randomUUID();
      const metadata = {
        SdkHttpMetadata: {
          HttpHeaders: {
            'Content-Type': 'application/json',
            'X-Amz-Executed-Version': '$LATEST',
            'x-amzn-RequestId': requestId,
          },
          HttpStatusCode: request.InvocationType === 'Event' ? 202 : 200,
        },
        SdkResponseMetadata: { RequestId: requestId },
      };
      if (request.InvocationType === 'Event') {
        this.callLambda(target.functionName, payload).catch((error: unknown) =>
          this.log(exec, `${spec.stateName}: async invocation of ${target.functionName} failed (${errorName(error)})`),
        );
        return { Payload: '', StatusCode: 202, ...metadata };
      }
      const result = await this.callLambda(target.functionName, payload);
      return {
        ExecutedVersion: '$LATEST',
        Payload: result,
        StatusCode: 200,
        ...metadata,
      };
    }
    if (target.kind === 'integration') {
      const integration = this.integrations[target.resource];
      if (!integration) throw runtimeError(`no integration for ${target.resource}`);
      return this.track(
        (async () => {
          try {
            return toJson(await integration(cloneJson(params), { executionArn: exec.arn, stateName: spec.stateName }));
          } catch (error) {
            throw error instanceof Error ? taskError(error.name, error.message) : taskError('Error', String(error));
          }
        })(),
      );
    }
    throw runtimeError(`state ${spec.stateName}: not a task`);
  }

  private callLambda(functionName: string, payload: Json): Promise<Json> {
    const handler = this.lambdas[functionName];
    if (!handler) return Promise.reject(runtimeError(`no local handler for Lambda function ${functionName}`));
    const event = cloneJson(payload);
    return this.track(
      (async () => {
        try {
          return toJson(await handler(event));
        } catch (error) {
          throw lambdaFunctionError(error);
        }
      })(),
    );
  }

  private async runWait(exec: Execution, spec: TaskSpec, input: WrappedWaitInput): Promise<Json> {
    const now = this.clock.now().getTime();
    let until: number;
    if ('seconds' in input) {
      const seconds = input.seconds;
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
        throw runtimeError(
          `state ${spec.stateName}: Wait seconds must be a non-negative integer, got ${JSON.stringify(seconds)}`,
        );
      }
      until = now + seconds * 1000;
    } else {
      const timestamp = input.timestamp;
      until = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
      if (Number.isNaN(until)) {
        throw runtimeError(`state ${spec.stateName}: Wait timestamp is not a timestamp: ${JSON.stringify(timestamp)}`);
      }
    }
    if (until > now) {
      this.log(exec, `${spec.stateName}: waiting until ${new Date(until).toISOString()}`);
      await this.clockSleep(exec, new Date(until));
    }
    return input.input;
  }

  private async retryPause(exec: Execution, spec: TaskSpec, decision: RetryDecision, error: string): Promise<void> {
    const delay = this.retryDelay;
    if (delay === 'clock') {
      this.log(exec, `${spec.stateName}: ${error}, retry ${decision.attempt} in ${decision.delayMs} ms (clock)`);
      await this.clockSleep(exec, new Date(this.clock.now().getTime() + decision.delayMs));
      return;
    }
    const ms =
      typeof delay === 'function'
        ? delay(decision.delayMs, {
            machineName: spec.machineName,
            stateName: spec.stateName,
            attempt: decision.attempt,
          })
        : delay;
    this.log(
      exec,
      `${spec.stateName}: ${error}, retry ${decision.attempt} in ${ms} ms real (ASL: ${decision.delayMs} ms)`,
    );
    const signal = exec.controller.signal;
    await this.track(
      new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          timer.cancel();
          reject(this.closedError(exec));
        };
        const timer = realTimer(Math.max(0, ms), true, () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        });
        signal.addEventListener('abort', onAbort, { once: true });
      }),
    );
  }

  private clockSleep(exec: Execution, at: Date): Promise<void> {
    const signal = exec.controller.signal;
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(this.closedError(exec));
      const onAbort = () => {
        handle.cancel();
        reject(this.closedError(exec));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const handle = this.clock.setTimer(at, () => {
        signal.removeEventListener('abort', onAbort);
        this.touch();
        resolve();
      });
    });
  }

  // ------------------------------------------------------------------ bookkeeping

  private finish(
    exec: Execution,
    status: Exclude<ExecutionStatus, 'RUNNING'>,
    fields: {
      output?: string;
      error?: string | undefined;
      cause?: string | undefined;
    },
  ): boolean {
    if (exec.status !== 'RUNNING') return false;
    exec.status = status;
    exec.stopDate = this.clock.now();
    if (fields.output !== undefined) exec.output = fields.output;
    if (fields.error !== undefined) exec.error = fields.error;
    if (fields.cause !== undefined) exec.cause = fields.cause;
    exec.timeoutTimer?.cancel();
    exec.controller.abort();
    exec.detached.length = 0;
    exec.history.endTasks();
    this.touch();
    if (exec.drained) this.closeExecution(exec);
    return true;
  }

  private logFinal(exec: Execution): void {
    const cause = exec.cause !== undefined && exec.cause.length > 300 ? `${exec.cause.slice(0, 300)}...` : exec.cause;
    this.log(exec, [exec.status, exec.error, cause].filter((part) => part !== undefined && part !== '').join(' '));
  }

  /** Drained even without a log: the engine queues every event until it is read. */
  private async drainEvents(exec: Execution, events: AsyncGenerator<unknown>): Promise<void> {
    for await (const event of events) {
      const observed = historyEvent(exec, event);
      this.recordStateEvent(exec, observed);
      const caughtBy = caughtNext(event);
      if (caughtBy !== undefined) this.log(exec, `${observed.stateName ?? '?'}: caught -> ${caughtBy}`);
      if (this.onHistoryEvent) this.onHistoryEvent(observed);
    }
    // The stream lags our own lines by a few microtasks: the final line goes after it.
    exec.drained = true;
    if (exec.status !== 'RUNNING') this.closeExecution(exec);
  }

  /** State entered and exited, from the engine's stream; a rewritten Wait is a Wait again. */
  private recordStateEvent(exec: Execution, event: WorkflowHistoryEvent): void {
    if (event.type !== 'StateEntered' && event.type !== 'StateExited') return;
    if (event.stateName === undefined) return;
    const spec = exec.machine.prepared.tasks.get(event.stateName);
    const stateType = spec?.target.kind === 'wait' ? 'Wait' : event.stateType;
    if (!isStateType(stateType)) return;
    const data = JSON.stringify(event.data ?? null);
    if (event.type === 'StateEntered') exec.history.stateEntered(event.stateName, stateType, data);
    else exec.history.stateExited(event.stateName, stateType, data);
  }

  /** The last log line and history event, once both our status and the engine's stream are final. */
  private closeExecution(exec: Execution): void {
    this.logFinal(exec);
    const at = exec.stopDate ?? this.clock.now();
    const failure = {
      ...(exec.error !== undefined ? { error: exec.error } : {}),
      ...(exec.cause !== undefined ? { cause: exec.cause } : {}),
    };
    switch (exec.status) {
      case 'SUCCEEDED':
        exec.history.close(
          'ExecutionSucceeded',
          {
            key: 'executionSucceededEventDetails',
            value: { output: exec.output ?? 'null', outputDetails: { truncated: false } },
          },
          at,
        );
        break;
      case 'FAILED':
        exec.history.close('ExecutionFailed', { key: 'executionFailedEventDetails', value: failure }, at);
        break;
      case 'ABORTED':
        exec.history.close('ExecutionAborted', { key: 'executionAbortedEventDetails', value: failure }, at);
        break;
      case 'TIMED_OUT':
        exec.history.close('ExecutionTimedOut', { key: 'executionTimedOutEventDetails', value: failure }, at);
        break;
      case 'RUNNING':
        break;
    }
  }

  private openToken(taskToken: unknown): OpenToken {
    if (typeof taskToken !== 'string' || taskToken.length === 0) {
      throw new StepFunctionsError('InvalidToken', 'Invalid Token: empty');
    }
    const record = this.openTokens.get(taskToken);
    if (record) return record;
    if (this.closedTokens.has(taskToken))
      throw new StepFunctionsError('TaskTimedOut', 'Task Timed Out: the task is no longer waiting for this token');
    if (TOKEN_FORMAT.test(taskToken)) throw new StepFunctionsError('TaskDoesNotExist', 'Task Does Not Exist');
    throw new StepFunctionsError('InvalidToken', 'Invalid Token');
  }

  private machine(stateMachineArn: string): Machine {
    const machine = this.machines.get(stateMachineArn);
    if (machine) return machine;
    if (!STATE_MACHINE_ARN.test(stateMachineArn ?? '')) {
      throw new StepFunctionsError('InvalidArn', `Invalid Arn: '${stateMachineArn}'`);
    }
    throw new StepFunctionsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
  }

  private execution(executionArn: string): Execution {
    const exec = this.executions.get(executionArn);
    if (exec) return exec;
    if (!/^arn:[^:]+:states:[^:]*:[^:]*:execution:[^:]+:[^:]+$/.test(executionArn ?? '')) {
      throw new StepFunctionsError('InvalidArn', `Invalid Arn: '${executionArn}'`);
    }
    throw new StepFunctionsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
  }

  private closedError(exec: Execution): Error {
    return terminalError('Closeloop.ExecutionClosed', `execution ${exec.name} is ${exec.status}`);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inflight.add(promise);
    this.touch();
    const untrack = () => {
      this.inflight.delete(promise);
      this.touch();
    };
    promise.then(untrack, untrack);
    return promise;
  }

  private touch(): void {
    this.activity++;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('LocalStepFunctions is closed');
  }

  private log(exec: Execution, message: string): void {
    this.logLine(`${exec.machine.name}/${exec.name}: ${message}`);
  }
}

function describeMachine(machine: Machine): StateMachineDescription {
  return {
    stateMachineArn: machine.arn,
    name: machine.name,
    definition: machine.definition,
    roleArn: machine.roleArn,
    creationDate: machine.creationDate,
  };
}

/** The engine's event (its type is not exported) as the `onHistoryEvent` observer sees it. */
function historyEvent(exec: Execution, event: unknown): WorkflowHistoryEvent {
  const { type, state } = (isObject(event) ? event : {}) as {
    type?: unknown;
    state?: { name?: unknown; type?: unknown; input?: unknown; output?: unknown };
  };
  const kind = typeof type === 'string' ? type : 'Unknown';
  return {
    machineName: exec.machine.name,
    executionName: exec.name,
    type: kind,
    ...(typeof state?.name === 'string' ? { stateName: state.name } : {}),
    ...(typeof state?.type === 'string' ? { stateType: state.type } : {}),
    ...(state && kind === 'StateEntered' ? { data: state.input } : {}),
    ...(state && kind === 'StateExited' ? { data: state.output } : {}),
  };
}

/** The Catch that the engine applied (its `StateCaught` event), for the log. */
function caughtNext(event: unknown): string | undefined {
  if (!isObject(event) || event.type !== 'StateCaught' || !isObject(event.catch)) return undefined;
  const catcher = event.catch.catcher;
  return isObject(catcher) && typeof catcher.Next === 'string' ? catcher.Next : undefined;
}

/** Runs `fn` now; its result or throw becomes a promise (the API is asynchronous, like the service). */
function settled<T>(fn: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()));
}

function positiveInteger(value: Json | undefined, field: string, path: string | undefined): number | undefined {
  if (path === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw runtimeError(`${field} '${path}' evaluated to ${JSON.stringify(value)}, but expected a positive integer`);
  }
  return value;
}

function cloneJson(value: Json): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** What crosses a Lambda boundary is JSON: `undefined` becomes null, Dates strings, and so on. */
function toJson(value: unknown): Json {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as Json);
}

/** A real-time timer for any delay (Node's setTimeout overflows past 2^31-1 ms). */
function realTimer(ms: number, keepAlive: boolean, callback: () => void): { cancel(): void } {
  const maxSlice = 2 ** 31 - 1;
  const end = Date.now() + ms;
  let timer: NodeJS.Timeout | undefined;
  const arm = (delay: number) => {
    timer = setTimeout(
      () => {
        const left = end - Date.now();
        if (left > 0) arm(left);
        else callback();
      },
      Math.min(Math.max(0, delay), maxSlice),
    );
    if (!keepAlive) timer.unref();
  };
  arm(ms);
  return { cancel: () => clearTimeout(timer) };
}
