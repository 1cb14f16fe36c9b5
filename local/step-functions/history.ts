/**
 * One execution's history as `GetExecutionHistory` returns it: the event types
 * and `*EventDetails` fields of the Step Functions API, numbered from 1, each
 * pointing at the one before it, stamped on the runtime clock.
 *
 * Two sources feed it. The engine's own event stream (state entered/exited,
 * the one the `onHistoryEvent` observer already reads) gives the state
 * events; our task code (attempts, retries, tokens, timeouts) gives the
 * `Task*` / `LambdaFunction*` events in between. The engine's stream reaches
 * us a few microtasks late, so a task event that arrives before the state
 * entry it belongs to waits for it: each one carries the state's name and the
 * number of that entry, and is written right after that entry, never before.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { HistoryEventType } from '@aws-sdk/client-sfn';

/** Fields of an event's `*EventDetails` object (input/output/parameters are JSON text). */
export type EventDetails = Record<string, string | number | boolean | { truncated: boolean } | undefined>;

export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: HistoryEventType;
  /** The one details field of this type, e.g. `taskScheduledEventDetails`, if it has one. */
  details?: { key: string; value: EventDetails };
}

/** The k-th entry (from 1) into a state, as our task code counts them. */
export interface StateEntry {
  stateName: string;
  entry: number;
}

/** The state types of ASL, as history event types spell them. */
export type StateType = 'Task' | 'Choice' | 'Pass' | 'Wait' | 'Succeed' | 'Fail';

const STATE_TYPES = new Set<string>(['Task', 'Choice', 'Pass', 'Wait', 'Succeed', 'Fail']);

export function isStateType(value: unknown): value is StateType {
  return typeof value === 'string' && STATE_TYPES.has(value);
}

interface Pending {
  type: HistoryEventType;
  timestamp: Date;
  details?: HistoryEvent['details'];
}

const key = (stateName: string, entry: number) => `${entry}:${stateName}`;

/**
 * One `{ truncated: false }` for every event: an execution parked for days
 * keeps its history, and 10,000 open complaints keep 10,000 of them.
 */
export const notTruncated: { truncated: boolean } = Object.freeze({ truncated: false });

/**
 * An event as kept: the number and the one before it follow from its place,
 * the time as a number, and a long input, output or parameters text deflated.
 * An execution parked for days keeps its history, and the JSON of each Lambda
 * result (the payload and the SDK's response metadata) was the largest part
 * of what an open complaint kept in memory here.
 */
interface StoredEvent {
  type: HistoryEventType;
  at: number;
  details?: { key: string; value: EventDetails; deflated?: Record<string, string> };
}

/** Texts shorter than this are kept as they are: deflating them saves little. */
const deflateFromChars = 256;

function stored(type: HistoryEventType, at: number, details: HistoryEvent['details'] | undefined): StoredEvent {
  if (!details) return { type, at };
  let value: EventDetails | undefined;
  let deflated: Record<string, string> | undefined;
  for (const [field, text] of Object.entries(details.value)) {
    if (typeof text !== 'string' || text.length < deflateFromChars) continue;
    value ??= { ...details.value };
    deflated ??= {};
    // Kept as a placeholder, so the fields come back in their order.
    value[field] = undefined;
    // As a one-byte string: a small Buffer would keep a whole pool slab alive.
    deflated[field] = deflateRawSync(text).toString('latin1');
  }
  return { type, at, details: value && deflated ? { key: details.key, value, deflated } : details };
}

function detailsOf(event: StoredEvent): HistoryEvent['details'] {
  const details = event.details;
  if (!details?.deflated) return details;
  const value: EventDetails = { ...details.value };
  for (const [field, text] of Object.entries(details.deflated)) value[field] = inflateRawSync(Buffer.from(text, 'latin1')).toString('utf8');
  return { key: details.key, value };
}

export class ExecutionHistory {
  private readonly events: StoredEvent[] = [];
  /** Entries per state seen on the engine's stream. */
  private readonly entered = new Map<string, number>();
  /** Entries per state our task code has begun. */
  private readonly begun = new Map<string, number>();
  /** Entries written and not yet exited, with their state type. */
  private readonly open = new Map<string, StateType>();
  /** Task events waiting for their state entry to be written. */
  private readonly pending = new Map<string, Pending[]>();
  private closed = false;
  private tasksEnded = false;

  constructor(private readonly now: () => Date) {}

  get length(): number {
    return this.events.length;
  }

  /** All events, oldest first. */
  list(): HistoryEvent[] {
    return this.events.map((event, index) => {
      const details = detailsOf(event);
      return { id: index + 1, previousEventId: index, timestamp: new Date(event.at), type: event.type, ...(details ? { details } : {}) };
    });
  }

  /** Our task code begins an entry into `stateName`: the engine has just entered it. */
  begin(stateName: string): StateEntry {
    const entry = (this.begun.get(stateName) ?? 0) + 1;
    this.begun.set(stateName, entry);
    return { stateName, entry };
  }

  add(type: HistoryEventType, details?: HistoryEvent['details'], at: Date = this.now()): void {
    if (this.closed) return;
    const previous = this.events.at(-1);
    // Events of one execution never go back in time, whichever source wrote them first.
    const time = Math.max(previous?.at ?? Number.NEGATIVE_INFINITY, at.getTime());
    this.events.push(stored(type, time, details));
  }

  /** A task event of one state entry: written now if that entry is, else once it is. */
  task(entry: StateEntry, type: HistoryEventType, details?: HistoryEvent['details']): void {
    if (this.closed || this.tasksEnded) return;
    const k = key(entry.stateName, entry.entry);
    if (this.open.has(k)) {
      this.add(type, details);
      return;
    }
    const waiting = this.pending.get(k) ?? [];
    waiting.push({ type, timestamp: this.now(), ...(details ? { details } : {}) });
    this.pending.set(k, waiting);
  }

  stateEntered(stateName: string, stateType: StateType, input: string): void {
    if (this.closed) return;
    const entry = (this.entered.get(stateName) ?? 0) + 1;
    this.entered.set(stateName, entry);
    const k = key(stateName, entry);
    this.add(`${stateType}StateEntered` as HistoryEventType, {
      key: 'stateEnteredEventDetails',
      value: { name: stateName, input, inputDetails: notTruncated },
    });
    this.open.set(k, stateType);
    for (const event of this.pending.get(k) ?? []) this.add(event.type, event.details, event.timestamp);
    this.pending.delete(k);
  }

  stateExited(stateName: string, stateType: StateType, output: string): void {
    if (this.closed) return;
    const entry = this.entered.get(stateName) ?? 0;
    this.open.delete(key(stateName, entry));
    this.add(`${stateType}StateExited` as HistoryEventType, {
      key: 'stateExitedEventDetails',
      value: { name: stateName, output, outputDetails: notTruncated },
    });
  }

  /**
   * The execution has stopped: a task still finishing after it (a handler
   * call that was already running) writes nothing more. State events of the
   * engine's stream, which lags, are still written until `close`.
   */
  endTasks(): void {
    this.tasksEnded = true;
  }

  /**
   * The execution's last event. A stopped execution first ends the Task or
   * Wait state still running (`TaskStateAborted`, `WaitStateAborted`), as the
   * service does; nothing is written after it.
   */
  close(type: HistoryEventType, details: HistoryEvent['details'] | undefined, at: Date): void {
    if (this.closed) return;
    if (type === 'ExecutionAborted') {
      for (const stateType of this.open.values()) {
        if (stateType === 'Task' || stateType === 'Wait') {
          this.add(`${stateType}StateAborted` as HistoryEventType, undefined, at);
        }
      }
    }
    this.add(type, details, at);
    this.closed = true;
    this.open.clear();
    this.pending.clear();
  }
}

/** `arn:aws:states:::lambda:invoke.waitForTaskToken` -> resourceType `lambda`, resource `invoke.waitForTaskToken`. */
export function taskResource(resource: string): { resourceType: string; resource: string } {
  const match = /^arn:[^:]+:states:[^:]*:[^:]*:([^:]+):(.+)$/.exec(resource);
  return match ? { resourceType: match[1]!, resource: match[2]! } : { resourceType: 'unknown', resource };
}

/** Drops execution data (inputs, outputs, task parameters), as `includeExecutionData: false` asks. */
export function withoutExecutionData(event: HistoryEvent): HistoryEvent {
  if (!event.details) return event;
  const value = Object.fromEntries(
    Object.entries(event.details.value).filter(
      ([field]) => !['input', 'inputDetails', 'output', 'outputDetails', 'parameters'].includes(field),
    ),
  );
  return { ...event, details: { key: event.details.key, value } };
}

const TIMEOUT_ERRORS = new Set(['States.Timeout', 'States.HeartbeatTimeout']);

/**
 * The events of one Task state entry, attempt by attempt. A Task whose
 * Resource is a Lambda ARN writes `LambdaFunction*` events, as the service
 * does for that form; every other Task (`lambda:invoke`, an SDK integration,
 * `.waitForTaskToken`) writes `Task*` events.
 */
export class TaskEvents {
  private readonly names: { resourceType: string; resource: string };

  constructor(
    private readonly history: ExecutionHistory,
    private readonly entry: StateEntry,
    private readonly task: { resource: string; lambdaArn: boolean; region: string },
  ) {
    this.names = taskResource(task.resource);
  }

  scheduled(parameters: unknown, timeoutInSeconds?: number, heartbeatInSeconds?: number): void {
    const text = JSON.stringify(parameters ?? null);
    if (this.task.lambdaArn) {
      this.write('LambdaFunctionScheduled', 'lambdaFunctionScheduledEventDetails', {
        resource: this.task.resource,
        input: text,
        inputDetails: notTruncated,
        timeoutInSeconds,
      });
      return;
    }
    this.write('TaskScheduled', 'taskScheduledEventDetails', {
      ...this.names,
      region: this.task.region,
      parameters: text,
      timeoutInSeconds,
      heartbeatInSeconds,
    });
  }

  started(): void {
    if (this.task.lambdaArn) this.history.task(this.entry, 'LambdaFunctionStarted');
    else this.write('TaskStarted', 'taskStartedEventDetails', { ...this.names });
  }

  /** A `.waitForTaskToken` task's request was accepted: it now waits for its token. */
  submitted(output: unknown): void {
    this.write('TaskSubmitted', 'taskSubmittedEventDetails', {
      ...this.names,
      output: JSON.stringify(output ?? null),
      outputDetails: notTruncated,
    });
  }

  succeeded(output: unknown): void {
    const value = { output: JSON.stringify(output ?? null), outputDetails: notTruncated };
    if (this.task.lambdaArn) this.write('LambdaFunctionSucceeded', 'lambdaFunctionSucceededEventDetails', value);
    else this.write('TaskSucceeded', 'taskSucceededEventDetails', { ...this.names, ...value });
  }

  failed(error: string, cause: string): void {
    const timedOut = TIMEOUT_ERRORS.has(error);
    if (this.task.lambdaArn) {
      this.write(
        timedOut ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed',
        timedOut ? 'lambdaFunctionTimedOutEventDetails' : 'lambdaFunctionFailedEventDetails',
        { error, cause },
      );
      return;
    }
    this.write(
      timedOut ? 'TaskTimedOut' : 'TaskFailed',
      timedOut ? 'taskTimedOutEventDetails' : 'taskFailedEventDetails',
      { ...this.names, error, cause },
    );
  }

  private write(type: HistoryEventType, detailsKey: string, value: EventDetails): void {
    const defined: EventDetails = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
    this.history.task(this.entry, type, { key: detailsKey, value: defined });
  }
}
