import type { Schemas } from '../api/client.ts';
import type { DeadlineClock } from '../shared/countdown.ts';

export interface CaseClocks {
  asOf: string;
  next: DeadlineClock | null;
  response: DeadlineClock | null;
  resolution: DeadlineClock | null;
}

type WithClocks<T> = T & { clocks?: CaseClocks };

/**
 * The clocks the API states for a case. A server that does not state them
 * yet (an older deployment) still gets a countdown, in calendar time from the
 * next due instant, so the queue never shows a blank where a deadline is.
 */
export function clocksOf(item: WithClocks<Schemas['QueueItem']>, fallbackNow: number): CaseClocks {
  if (item.clocks) return item.clocks;
  const asOf = new Date(fallbackNow).toISOString();
  const next: DeadlineClock = {
    deadline: item.phase === 'AWAITING_RESPONSE' || item.phase === 'RECEIVED' ? 'response' : 'resolution',
    dueAt: item.nextDueAt,
    basis: 'calendar',
    remainingMs: Date.parse(item.nextDueAt) - fallbackNow,
    running: true,
    paused: false,
    provisional: false,
    changesAt: null,
  };
  return { asOf, next, response: null, resolution: null };
}
