import { ApiProblem, type Problem } from '../api/client.ts';
import { currentLanguage } from '../i18n/index.ts';
import type { Desk } from './desk-context.tsx';

export interface CalendarDay {
  date: string;
  name: string;
  nameZh?: string;
}

export interface CalendarYear {
  year: number;
  holidays: CalendarDay[];
  makeUpWorkingDays: CalendarDay[];
  source: 'statutory' | 'loaded';
}

/** GET /staff/calendar: the years the business calendar covers (not in the generated schema yet). */
export interface CalendarStatus {
  timeZone: string;
  coveredYears: number[];
  nextYearMissing: boolean;
  provisionalFrom: string | null;
  provisionalComplaints?: number | null;
  years: CalendarYear[];
}

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

/** The year missing after the covered ones, and the last covered date (31 December of the last covered year). */
export function missingYearOf(status: CalendarStatus): { year: number; lastDate: string } | undefined {
  if (!status.nextYearMissing) return undefined;
  const last = status.coveredYears.length ? Math.max(...status.coveredYears) : undefined;
  if (last === undefined) {
    const year = status.provisionalFrom ? Number(status.provisionalFrom.slice(0, 4)) : new Date().getFullYear() + 1;
    return { year, lastDate: `${year - 1}-12-31` };
  }
  return { year: last + 1, lastDate: `${last}-12-31` };
}

/** A day's name in the UI language. */
export function dayName(day: CalendarDay, language: string): string {
  return language.startsWith('zh') && day.nameZh ? day.nameZh : day.name;
}
