import { answerOf } from '../api/client.ts';
import type { CalendarStatus } from './calendar-model.ts';
import type { Desk } from './desk-context.tsx';

export * from './calendar-model.ts';

/** The calendar status, or an ApiProblem from the problem+json the API answered. */
export async function fetchCalendar(desk: Pick<Desk, 'api'>): Promise<CalendarStatus> {
  return answerOf(await desk.api.GET('/staff/calendar'));
}

let once: Promise<CalendarStatus> | undefined;

/** Fetched once per page load, for the banner every desk page shows. */
export function calendarOnce(desk: Pick<Desk, 'api'>): Promise<CalendarStatus> {
  once ??= fetchCalendar(desk);
  return once;
}

const changedEvent = 'closeloop:calendar-changed';

/** After a load changed the calendar: forgets the status and tells the banner to read it again. */
export function calendarChanged(): void {
  once = undefined;
  dispatchEvent(new Event(changedEvent));
}

export function onCalendarChanged(listener: () => void): () => void {
  addEventListener(changedEvent, listener);
  return () => removeEventListener(changedEvent, listener);
}
