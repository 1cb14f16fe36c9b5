import type { Clock } from '#domain/clock.ts';

export interface TimerHandle {
  cancel(): void;
}

/**
 * The one clock of the local runtime: handlers, the workflow's waits and the
 * schedules all read it, so a sped-up or manual clock moves them together.
 * Engines (HTTP servers, storage) keep real time and never see it.
 */
export interface RuntimeClock extends Clock {
  /** Runs `callback` once when the clock reaches `at` (at once if already past). */
  setTimer(at: Date, callback: () => void): TimerHandle;
}

interface PendingTimer {
  at: number;
  seq: number;
  callback: () => void;
}

/** Real time multiplied by `speed` from the moment it is created (speed 3600 = one hour a second). */
export class ScaledClock implements RuntimeClock {
  private readonly realStart = Date.now();
  private readonly virtualStart: number;

  constructor(
    private readonly speed = 1,
    start: Date = new Date(),
  ) {
    if (!(speed > 0)) throw new RangeError(`clock speed must be > 0, got ${speed}`);
    this.virtualStart = start.getTime();
  }

  now(): Date {
    return new Date(this.virtualStart + (Date.now() - this.realStart) * this.speed);
  }

  setTimer(at: Date, callback: () => void): TimerHandle {
    // Node timers overflow past 2^31-1 ms, so long waits re-arm in slices.
    const maxSliceMs = 2 ** 31 - 1;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      const realDelay = (at.getTime() - this.now().getTime()) / this.speed;
      if (realDelay <= 0) {
        callback();
        return;
      }
      timer = setTimeout(arm, Math.min(realDelay, maxSliceMs));
      timer.unref();
    };
    arm();
    return { cancel: () => clearTimeout(timer) };
  }
}

/**
 * A clock that moves only when told to. `advanceBy`/`advanceTo` fire due timers
 * in time order and, between two timers, wait for `settle()` so that the work a
 * timer started (a workflow step writing to the table, an email) finishes before
 * the next instant is reached.
 */
export class ManualClock implements RuntimeClock {
  private current: number;
  private seq = 0;
  private timers: PendingTimer[] = [];
  private settle: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve));

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  /** The runtime plugs in a function that resolves when no work is in flight. */
  setSettle(settle: () => Promise<void>): void {
    this.settle = settle;
  }

  now(): Date {
    return new Date(this.current);
  }

  setTimer(at: Date, callback: () => void): TimerHandle {
    const timer: PendingTimer = { at: at.getTime(), seq: this.seq++, callback };
    this.timers.push(timer);
    return {
      cancel: () => {
        this.timers = this.timers.filter((t) => t !== timer);
      },
    };
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  async advanceBy(ms: number): Promise<void> {
    await this.advanceTo(new Date(this.current + ms));
  }

  async advanceTo(target: Date | string): Promise<void> {
    const targetMs = new Date(target).getTime();
    await this.settle();
    for (;;) {
      const next = this.nextDue(targetMs);
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = Math.max(this.current, next.at);
      next.callback();
      await this.settle();
    }
    this.current = Math.max(this.current, targetMs);
    await this.settle();
  }

  private nextDue(limit: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.timers) {
      if (t.at > limit) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
