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

const storage = new AsyncLocalStorage<InvocationScope>();

export const activeScope = (): InvocationScope | undefined => storage.getStore();

export const runInScope = <T>(scope: InvocationScope, work: () => Promise<T>): Promise<T> => storage.run(scope, work);
