import { type Clock, systemClock } from '#domain/clock.ts';

let active: Clock = systemClock;

/**
 * On AWS handlers read the system clock. The local runtime, which owns one
 * clock for handlers and workflow alike (sped up, or moved by tests), installs
 * it here before it loads any handler.
 */
export function currentClock(): Clock {
  return active;
}

export function useClock(clock: Clock): void {
  active = clock;
}
