/**
 * The Lambda invocation a piece of work belongs to, carried across awaits
 * with AsyncLocalStorage, so SDK calls and log lines made by a handler are
 * charged to the complaint it worked on.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type Usage, emptyUsage } from './usage.ts';

export class InvocationScope {
  /** The complaint the handler is working on now (the survey sender moves from one to the next). */
  current: string | undefined;
  /** Usage per complaint id; `undefined` is "not known yet", resolved when the invocation ends. */
  readonly usage = new Map<string | undefined, Usage>();
  /** Time the bench's own metering spent inside this invocation, taken off its measured duration. */
  meteringMs = 0;
  /** When each AWS call of the invocation was in flight (the bench's own reads left out). */
  readonly calls: { start: number; end: number }[] = [];

  constructor(readonly handler: string) {}

  charge(): Usage {
    let usage = this.usage.get(this.current);
    if (!usage) {
      usage = emptyUsage();
      this.usage.set(this.current, usage);
    }
    return usage;
  }
}

/**
 * Round trips one after another: calls in flight at the same time (a Promise.all) count once, as on AWS
 * the caller waits for the slowest of them, not for each.
 */
export function sequentialCalls(calls: readonly { start: number; end: number }[]): number {
  let waves = 0;
  let waveEnd = Number.NEGATIVE_INFINITY;
  for (const call of [...calls].sort((a, b) => a.start - b.start)) {
    if (call.start >= waveEnd) {
      waves += 1;
      waveEnd = call.end;
    } else {
      waveEnd = Math.max(waveEnd, call.end);
    }
  }
  return waves;
}

const storage = new AsyncLocalStorage<InvocationScope>();

export const activeScope = (): InvocationScope | undefined => storage.getStore();

export const runInScope = <T>(scope: InvocationScope, work: () => Promise<T>): Promise<T> => storage.run(scope, work);
