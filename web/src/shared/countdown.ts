import type { Schemas } from '../api/client.ts';

/**
 * The live countdown beside a case: the server states each clock at an
 * instant (`asOf`), and the desk runs it on between refreshes. A working-time
 * clock stops at the end of a working day (`changesAt`), a paused one does
 * not run at all, so the figure never moves faster than the deadline does.
 */
/** One deadline's clock as the API states it (queue items and the staff case carry them). */
export type DeadlineClock = NonNullable<Schemas['CaseClocks']['next']>;

export function remainingAt(clock: DeadlineClock, asOf: string, now: number): number {
  if (!clock.running || clock.paused) return clock.remainingMs;
  const from = Date.parse(asOf);
  const until = clock.changesAt ? Math.min(now, Date.parse(clock.changesAt)) : now;
  return clock.remainingMs - Math.max(0, until - from);
}

export type CountdownAmount = { unit: 'minutes'; count: number } | { unit: 'hours'; count: number } | { unit: 'daysHours'; days: number; hours: number };

export type Countdown =
  | { state: 'paused'; provisional: boolean }
  | { state: 'due' | 'overdue'; amount: CountdownAmount; provisional: boolean; basis: DeadlineClock['basis'] };

const minute = 60_000;
const hour = 60 * minute;

/** Whole units, cut down: "due in 5 h" means at least 5 h are left, so an agent never finds less than promised. */
export function amountOf(ms: number, overdue: boolean): CountdownAmount {
  if (ms < hour) return { unit: 'minutes', count: Math.max(overdue ? 1 : 0, Math.floor(ms / minute)) };
  if (ms < 48 * hour) return { unit: 'hours', count: Math.floor(ms / hour) };
  const totalHours = Math.floor(ms / hour);
  return { unit: 'daysHours', days: Math.floor(totalHours / 24), hours: totalHours % 24 };
}

export function countdownOf(clock: DeadlineClock, asOf: string, now: number): Countdown {
  if (clock.paused) return { state: 'paused', provisional: clock.provisional };
  const remaining = remainingAt(clock, asOf, now);
  const overdue = remaining <= 0;
  return { state: overdue ? 'overdue' : 'due', amount: amountOf(Math.abs(remaining), overdue), provisional: clock.provisional, basis: clock.basis };
}

/**
 * The server's clock as seen from the browser: the local runtime's clock may
 * run 60 times faster than the wall or stand still (a test's manual clock),
 * so its pace is learnt from successive `asOf` readings, not assumed.
 */
export class ServerClock {
  #asOf = Number.NaN;
  #seenAt = 0;
  #pace = 1;
  readonly #localNow: () => number;

  constructor(localNow: () => number = () => performance.now()) {
    this.#localNow = localNow;
  }

  observe(asOf: string): void {
    const server = Date.parse(asOf);
    const local = this.#localNow();
    if (Number.isNaN(server)) return;
    if (!Number.isNaN(this.#asOf) && local - this.#seenAt >= 1_000) {
      const pace = (server - this.#asOf) / (local - this.#seenAt);
      this.#pace = Math.min(Math.max(pace, 0), 10_000);
    }
    this.#asOf = server;
    this.#seenAt = local;
  }

  now(): number {
    if (Number.isNaN(this.#asOf)) return Date.now();
    return this.#asOf + (this.#localNow() - this.#seenAt) * this.#pace;
  }
}
