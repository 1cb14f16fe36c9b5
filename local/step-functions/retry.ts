/**
 * ASL Retry semantics for Task states, as Step Functions applies them.
 *
 * The engine has its own Retry, but it pauses with a real-time setTimeout
 * between attempts: no runtime clock can move it (`retryDelay: 'clock'`),
 * `idle()` cannot see it (a ManualClock would settle mid-retry), and each
 * retry would reach us as a new call we could not tell from a new entry into
 * the state (the history writes a retry inside the same entry). So Task
 * retries are counted here; the engine keeps only the re-arm retrier.
 */
export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'NONE' | 'FULL';
}

/** `States.ALL` matches everything; `States.TaskFailed` everything but `States.Timeout`. */
function errorMatches(errorEquals: readonly string[], name: string): boolean {
  return errorEquals.some(
    (e) => e === name || e === 'States.ALL' || (e === 'States.TaskFailed' && name !== 'States.Timeout'),
  );
}

export interface RetryDecision {
  retrierIndex: number;
  /** 1 for the first retry. */
  attempt: number;
  /** The interval the ASL asks for (backoff, MaxDelaySeconds and jitter applied). */
  delayMs: number;
}

/** Counts attempts per retrier for one state entry, like the service does. */
export class RetryCounter {
  private readonly attempts: number[];

  constructor(
    private readonly retriers: readonly Retrier[],
    private readonly random: () => number = Math.random,
  ) {
    this.attempts = retriers.map(() => 0);
  }

  /** The first retrier whose ErrorEquals matches decides; undefined once its MaxAttempts are spent. */
  next(errorName: string): RetryDecision | undefined {
    for (const [i, retrier] of this.retriers.entries()) {
      if (!errorMatches(retrier.ErrorEquals, errorName)) continue;
      const done = this.attempts[i] ?? 0;
      if (done >= (retrier.MaxAttempts ?? 3)) return undefined;
      this.attempts[i] = done + 1;
      let seconds = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** done;
      if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
      if (retrier.JitterStrategy === 'FULL') seconds *= this.random();
      return {
        retrierIndex: i,
        attempt: done + 1,
        delayMs: Math.round(seconds * 1000),
      };
    }
    return undefined;
  }
}
