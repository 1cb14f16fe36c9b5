import { ApiProblem, type Problem } from '../api/client.ts';
import { currentLanguage } from '../i18n/index.ts';
import type { CalendarStatus } from './calendar-model.ts';
import type { Desk } from './desk-context.tsx';

export * from './calendar-model.ts';

/** The calendar status, or an ApiProblem from the problem+json the API answered. */
export async function fetchCalendar(desk: Pick<Desk, 'session'>): Promise<CalendarStatus> {
  const token = await desk.session.token();
  const response = await fetch('/staff/calendar', {
    headers: { accept: 'application/json', 'accept-language': currentLanguage(), ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    const problem = body && typeof body === 'object' && typeof (body as Problem).title === 'string' ? (body as Problem) : undefined;
    throw new ApiProblem(
      problem ?? { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status, detail: `HTTP ${response.status}` },
    );
  }
  return (await response.json()) as CalendarStatus;
}

let once: Promise<CalendarStatus> | undefined;

/** Fetched once per page load, for the banner every desk page shows. */
export function calendarOnce(desk: Pick<Desk, 'session'>): Promise<CalendarStatus> {
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
