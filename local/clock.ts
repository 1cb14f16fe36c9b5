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

/**
 * Where a clock stands, in a form another thread can extend without asking:
 * now = atMs + (Date.now() - realMs) * rate (rate 0 while it stands still).
 */
export interface ClockReading {
  atMs: number;
  realMs: number;
  rate: number;
}

export interface DrivableClock extends RuntimeClock {
  advanceBy(ms: number): Promise<void>;
  setSettle(settle: () => Promise<void>): void;
  reading(): ClockReading;
  /** Called, synchronously, every time the reading changes (a jump, a hold released). */
  onMove(listener: () => void): void;
}

interface PendingTimer {
  at: number;
  seq: number;
  callback: () => void;
}

/**
 * Real time multiplied by `speed` (3600 = one simulated hour a second), which
 * a person or a test can also push forward with `advanceBy`: timers fire in
 * order either way, each after the work of the previous one has settled.
 */
export class ScaledClock implements DrivableClock {
  private readonly manual: ManualClock;
  /** When real time started to count; undefined while held. */
  private realStart: number | undefined;
  private readonly virtualStart: number;
  private offsetMs = 0;
  private pump: NodeJS.Timeout | undefined;
  private pumping = Promise.resolve();
  private settle: () => Promise<void> = () => Promise.resolve();
  private readonly moveListeners: (() => void)[] = [];

  /**
   * `held`: the clock starts standing still and moves only by `advanceBy`
   * (a scripted demo drives a month in a minute) until `release()`, from
   * where it runs on at `speed`.
   */
  constructor(
    private readonly speed = 1,
    start: Date = new Date(),
    options: { held?: boolean } = {},
  ) {
    if (!(speed > 0)) throw new RangeError(`clock speed must be > 0, got ${speed}`);
    this.virtualStart = start.getTime();
    this.manual = new ManualClock(start);
    if (!options.held) this.realStart = Date.now();
    // Held, the manual clock inside is the reading; its jumps are this clock's.
    this.manual.onMove(() => this.moved());
  }

  reading(): ClockReading {
    if (this.realStart === undefined) return this.manual.reading();
    return { atMs: this.virtualStart + this.offsetMs, realMs: this.realStart, rate: this.speed };
  }

  onMove(listener: () => void): void {
    this.moveListeners.push(listener);
  }

  private moved(): void {
    for (const listener of this.moveListeners) listener();
  }

  get held(): boolean {
    return this.realStart === undefined;
  }

  /** Starts counting real time from the instant the clock stands at; timers then fire on their own. */
  release(): void {
    if (this.realStart !== undefined) return;
    this.realStart = Date.now();
    this.moved();
    this.schedulePump();
  }

  setSettle(settle: () => Promise<void>): void {
    this.settle = settle;
    this.manual.setSettle(settle);
  }

  now(): Date {
    // Held, it is the manual clock inside: a timer fired on the way reads its own instant.
    if (this.realStart === undefined) return this.manual.now();
    return new Date(this.virtualStart + (Date.now() - this.realStart) * this.speed + this.offsetMs);
  }

  setTimer(at: Date, callback: () => void): TimerHandle {
    const handle = this.manual.setTimer(at, callback);
    this.schedulePump();
    return handle;
  }

  /**
   * Jumps ahead (a person watching a 48-hour escalation does not wait two
   * days), once the work in flight is done: a step that planned a wait before
   * the jump and began it after would start its timeout at the new time.
   */
  async advanceBy(ms: number): Promise<void> {
    await this.settle();
    if (this.realStart === undefined) {
      // Timer by timer, as a ManualClock moves; the offset then holds where it stopped for release().
      await (this.pumping = this.pumping.then(() => this.manual.advanceBy(ms)));
      this.offsetMs = this.manual.now().getTime() - this.virtualStart;
      return;
    }
    this.offsetMs += ms;
    this.moved();
    await this.catchUp();
  }

  stop(): void {
    clearTimeout(this.pump);
  }

  private catchUp(): Promise<void> {
    this.pumping = this.pumping.then(() => this.manual.advanceTo(this.now())).finally(() => this.schedulePump());
    return this.pumping;
  }

  private schedulePump(): void {
    clearTimeout(this.pump);
    const next = this.manual.nextTimerAt();
    // A held clock fires its timers only when advanced.
    if (next === undefined || this.held) return;
    const realDelay = Math.max(0, (next - this.now().getTime()) / this.speed);
    // Node timers overflow past 2^31-1 ms; a long wait simply re-arms.
    this.pump = setTimeout(() => void this.catchUp(), Math.min(realDelay, 2 ** 31 - 1));
    this.pump.unref();
  }
}

/**
 * A clock that moves only when told to. `advanceBy`/`advanceTo` fire due timers
 * in time order and, between two timers, wait for `settle()` so that the work a
 * timer started (a workflow step writing to the table, an email) finishes before
 * the next instant is reached.
 */
export class ManualClock implements DrivableClock {
  private current: number;
  private seq = 0;
  /** A set, so cancelling is not a pass over every pending timer (10,000 open complaints keep 10,000). */
  private readonly timers = new Set<PendingTimer>();
  private settle: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve));
  private readonly moveListeners: (() => void)[] = [];

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  reading(): ClockReading {
    return { atMs: this.current, realMs: 0, rate: 0 };
  }

  onMove(listener: () => void): void {
    this.moveListeners.push(listener);
  }

  private moveTo(ms: number): void {
    if (ms === this.current) return;
    this.current = ms;
    for (const listener of this.moveListeners) listener();
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
    this.timers.add(timer);
    return {
      cancel: () => {
        this.timers.delete(timer);
      },
    };
  }

  nextTimerAt(): number | undefined {
    let next: number | undefined;
    for (const t of this.timers) if (next === undefined || t.at < next) next = t.at;
    return next;
  }

  pendingTimers(): number {
    return this.timers.size;
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
      this.timers.delete(next);
      this.moveTo(Math.max(this.current, next.at));
      next.callback();
      await this.settle();
    }
    this.moveTo(Math.max(this.current, targetMs));
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
