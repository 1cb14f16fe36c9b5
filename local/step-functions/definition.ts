/**
 * Reads an ASL definition, checks that every Task can run locally, and rewrites
 * it into the definition handed to aws-local-stepfunctions:
 *
 * - Task states keep their paths, ResultSelector, Catch and transitions, but
 *   their Retry, TimeoutSeconds(Path) and HeartbeatSeconds(Path) move to our
 *   code (local-step-functions.ts runs attempts, retries and timeouts on the
 *   runtime clock). `Parameters` is wrapped as `{ params, timeoutSeconds.$ }`
 *   so that TimeoutSecondsPath is read from the state input, as on AWS (the
 *   engine would read it from the Parameters output).
 * - Wait states become Tasks served by our code, so they wait on the runtime
 *   clock instead of real time.
 * - The machine's TimeoutSeconds is removed (enforced on the runtime clock).
 * - Each Task gets one engine-level retrier for REARM_ERROR and a large engine
 *   TimeoutSeconds: see `engineTimerSliceMs` in local-step-functions.ts.
 * - `$$.Execution.StartTime` reads the runtime clock's start time.
 * - Parallel and Map states are refused.
 */
import type { StateMachineDefinition } from './engine.ts';
import { REARM_ERROR } from './errors.ts';
import type { Retrier } from './retry.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
export const WAIT_FOR_TASK_TOKEN = '.waitForTaskToken';
/** Resource of the Task that stands in for a Wait state (never seen outside this module's output). */
export const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::closeloop.local:wait';
/** Context path that the rewritten definition reads instead of `$$.Execution.StartTime`. */
export const CLOCK_START_TIME_KEY = 'ClockStartTime';

const TASK_TOKEN_PATH = '$$.Task.Token';
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?$/;

export type TaskTarget =
  /** `lambda:invoke` (result wrapped as Lambda's Invoke response) or a Lambda ARN as Resource (result unwrapped). */
  | { kind: 'lambda'; functionName: string; envelope: boolean }
  /** A service integration supplied by the runtime (e.g. `arn:aws:states:::sns:publish`). */
  | { kind: 'integration'; resource: string }
  /** A Wait state, served on the runtime clock. */
  | { kind: 'wait' };

export interface TaskSpec {
  machineName: string;
  stateName: string;
  /** Resource as written in the ASL (for a Wait: LOCAL_WAIT_RESOURCE). */
  resource: string;
  target: TaskTarget;
  waitForTaskToken: boolean;
  timeoutSeconds?: number;
  timeoutSecondsPath?: string;
  heartbeatSeconds?: number;
  heartbeatSecondsPath?: string;
  retriers: Retrier[];
}

export interface PreparedMachine {
  engineDefinition: StateMachineDefinition;
  /** Every Task (and rewritten Wait) state by name. */
  tasks: Map<string, TaskSpec>;
  /** The machine's own TimeoutSeconds, enforced on the runtime clock. */
  timeoutSeconds?: number;
}

export interface PrepareOptions {
  machineName: string;
  lambdas: ReadonlySet<string>;
  integrations: ReadonlySet<string>;
  /** TimeoutSeconds written on every Task for the engine's own (real-time) task timer. */
  engineTimeoutSeconds: number;
}

/** Parsed wrapper that a rewritten Task hands to our override as its input. */
export interface WrappedTaskInput {
  params: Json;
  timeoutSeconds?: Json;
  heartbeatSeconds?: Json;
}
export interface WrappedWaitInput {
  input: Json;
  seconds?: Json;
  timestamp?: Json;
}

class DefinitionError extends Error {
  constructor(machine: string, state: string | undefined, message: string) {
    super(`state machine "${machine}"${state === undefined ? '' : `, state "${state}"`}: ${message}`);
    this.name = 'DefinitionError';
  }
}

export function prepareMachine(definitionText: string, opts: PrepareOptions): PreparedMachine {
  const machine = opts.machineName;
  let parsed: unknown;
  try {
    parsed = JSON.parse(definitionText);
  } catch (error) {
    throw new DefinitionError(machine, undefined, `definition is not JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed) || !isObject(parsed.States) || typeof parsed.StartAt !== 'string') {
    throw new DefinitionError(machine, undefined, 'definition needs StartAt and States');
  }
  const unresolved = /\$\{[^}]*\}/.exec(definitionText);
  if (unresolved) throw new DefinitionError(machine, undefined, `unsubstituted placeholder ${unresolved[0]}`);
  if (parsed.QueryLanguage !== undefined && parsed.QueryLanguage !== 'JSONPath') {
    throw new DefinitionError(
      machine,
      undefined,
      `QueryLanguage ${JSON.stringify(parsed.QueryLanguage)} is not supported locally (JSONPath only)`,
    );
  }

  const tasks = new Map<string, TaskSpec>();

  const rewriteStates = (states: JsonObject): JsonObject => {
    const out: JsonObject = {};
    for (const [stateName, rawState] of Object.entries(states)) {
      if (!isObject(rawState)) throw new DefinitionError(machine, stateName, 'state is not an object');
      for (const unsupported of ['QueryLanguage', 'Assign', 'Arguments', 'Output']) {
        if (unsupported in rawState) {
          throw new DefinitionError(machine, stateName, `${unsupported} is not supported locally (JSONPath only)`);
        }
      }
      out[stateName] = rewriteState(stateName, rawState);
    }
    return out;
  };

  const rewriteState = (stateName: string, state: JsonObject): JsonObject => {
    switch (state.Type) {
      case 'Task':
        return rewriteTask(stateName, state);
      case 'Wait':
        return rewriteWait(stateName, state);
      case 'Parallel':
      case 'Map':
        // The engine runs them, but their nested Tasks, retries and history events
        // (ParallelStateStarted, MapIterationStarted, ...) would need emulating too,
        // and no workflow of ours has one: refused rather than half supported.
        throw new DefinitionError(machine, stateName, `${state.Type} states are not supported locally`);
      default:
        return state;
    }
  };

  const rewriteTask = (stateName: string, state: JsonObject): JsonObject => {
    const resource = state.Resource;
    if (typeof resource !== 'string') throw new DefinitionError(machine, stateName, 'Task has no Resource');
    const waitForTaskToken = resource.endsWith(WAIT_FOR_TASK_TOKEN);
    const base = waitForTaskToken ? resource.slice(0, -WAIT_FOR_TASK_TOKEN.length) : resource;
    const parameters = state.Parameters;
    const fail = (message: string) => new DefinitionError(machine, stateName, message);

    let target: TaskTarget;
    if (base === LAMBDA_INVOKE) {
      if (!isObject(parameters)) throw fail(`${resource} needs Parameters with FunctionName`);
      if ('FunctionName.$' in parameters) throw fail('a dynamic "FunctionName.$" is not supported locally');
      const functionName = parameters.FunctionName;
      if (typeof functionName !== 'string') throw fail(`${resource} needs Parameters.FunctionName`);
      if (!opts.lambdas.has(functionName)) throw fail(`no local handler for Lambda function "${functionName}"`);
      target = { kind: 'lambda', functionName, envelope: true };
    } else if (LAMBDA_ARN.test(resource)) {
      if (!opts.lambdas.has(resource)) throw fail(`no local handler for Lambda function "${resource}"`);
      target = { kind: 'lambda', functionName: resource, envelope: false };
    } else if (opts.integrations.has(base)) {
      target = { kind: 'integration', resource: base };
    } else {
      throw fail(
        `resource "${resource}" is not supported locally (lambda:invoke, lambda:invoke.waitForTaskToken, a Lambda ARN, or a registered integration)`,
      );
    }
    const usesToken = JSON.stringify(parameters ?? null).includes(TASK_TOKEN_PATH);
    if (waitForTaskToken && !usesToken) throw fail(`${resource} must pass "${TASK_TOKEN_PATH}" in Parameters`);
    if (!waitForTaskToken && usesToken) throw fail(`"${TASK_TOKEN_PATH}" is only defined in a .waitForTaskToken Task`);

    const spec: TaskSpec = {
      machineName: machine,
      stateName,
      resource,
      target,
      waitForTaskToken,
      retriers: readRetriers(stateName, state.Retry),
      ...readSeconds(stateName, state, 'TimeoutSeconds', 'timeoutSeconds'),
      ...readSeconds(stateName, state, 'HeartbeatSeconds', 'heartbeatSeconds'),
    };
    tasks.set(stateName, spec);

    const wrapped: JsonObject = parameters === undefined ? { 'params.$': '$' } : { params: parameters };
    if (spec.timeoutSecondsPath !== undefined) wrapped['timeoutSeconds.$'] = spec.timeoutSecondsPath;
    if (spec.heartbeatSecondsPath !== undefined) wrapped['heartbeatSeconds.$'] = spec.heartbeatSecondsPath;

    const {
      Retry: _r,
      TimeoutSeconds: _t,
      TimeoutSecondsPath: _tp,
      HeartbeatSeconds: _h,
      HeartbeatSecondsPath: _hp,
      ...rest
    } = state;
    return { ...rest, Parameters: wrapped, ...engineTimerFields() };
  };

  const rewriteWait = (stateName: string, state: JsonObject): JsonObject => {
    const parameters: JsonObject = { 'input.$': '$' };
    if (typeof state.Seconds === 'number') parameters.seconds = state.Seconds;
    else if (typeof state.SecondsPath === 'string') parameters['seconds.$'] = state.SecondsPath;
    else if (typeof state.Timestamp === 'string') parameters.timestamp = state.Timestamp;
    else if (typeof state.TimestampPath === 'string') parameters['timestamp.$'] = state.TimestampPath;
    else throw new DefinitionError(machine, stateName, 'Wait needs Seconds, SecondsPath, Timestamp or TimestampPath');
    tasks.set(stateName, {
      machineName: machine,
      stateName,
      resource: LOCAL_WAIT_RESOURCE,
      target: { kind: 'wait' },
      waitForTaskToken: false,
      retriers: [],
    });
    const task: JsonObject = {
      Type: 'Task',
      Resource: LOCAL_WAIT_RESOURCE,
      Parameters: parameters,
      ...engineTimerFields(),
    };
    for (const key of ['Comment', 'InputPath', 'OutputPath', 'Next', 'End']) {
      const value = state[key];
      if (value !== undefined) task[key] = value;
    }
    return task;
  };

  const engineTimerFields = (): JsonObject => ({
    TimeoutSeconds: opts.engineTimeoutSeconds,
    Retry: [{ ErrorEquals: [REARM_ERROR], IntervalSeconds: 1, MaxAttempts: 99999999, BackoffRate: 1 }],
  });

  const readSeconds = (
    stateName: string,
    state: JsonObject,
    field: 'TimeoutSeconds' | 'HeartbeatSeconds',
    key: 'timeoutSeconds' | 'heartbeatSeconds',
  ): Partial<TaskSpec> => {
    const literal = state[field];
    const path = state[`${field}Path`];
    if (literal !== undefined) {
      if (typeof literal !== 'number' || !Number.isInteger(literal) || literal < 1) {
        throw new DefinitionError(machine, stateName, `${field} must be a positive integer`);
      }
      return { [key]: literal };
    }
    if (path !== undefined) {
      if (typeof path !== 'string' || !path.startsWith('$')) {
        throw new DefinitionError(machine, stateName, `${field}Path must be a reference path`);
      }
      return { [`${key}Path`]: path };
    }
    return {};
  };

  const readRetriers = (stateName: string, retry: Json | undefined): Retrier[] => {
    if (retry === undefined) return [];
    if (!Array.isArray(retry)) throw new DefinitionError(machine, stateName, 'Retry must be an array');
    return retry.map((r) => {
      if (!isObject(r) || !Array.isArray(r.ErrorEquals)) {
        throw new DefinitionError(machine, stateName, 'every retrier needs ErrorEquals');
      }
      return r as unknown as Retrier;
    });
  };

  const { TimeoutSeconds: machineTimeout, ...top } = parsed;
  const rewritten: JsonObject = {
    ...top,
    States: rewriteStates(parsed.States),
  };
  const engineDefinition = replaceStrings(
    rewritten,
    '$$.Execution.StartTime',
    `$$.Execution.${CLOCK_START_TIME_KEY}`,
  ) as unknown as StateMachineDefinition;

  return {
    engineDefinition,
    tasks,
    ...(typeof machineTimeout === 'number' ? { timeoutSeconds: machineTimeout } : {}),
  };
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Replaces every occurrence of `search` in every string (values only) of a JSON value. */
export function replaceStrings(value: Json, search: string, replacement: string): Json {
  if (typeof value === 'string') return value.includes(search) ? value.split(search).join(replacement) : value;
  if (Array.isArray(value)) return value.map((v) => replaceStrings(v, search, replacement));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceStrings(v, search, replacement)]));
  }
  return value;
}
