import { type BusinessCalendar, chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import { withCustomCalendar } from '#domain/custom-calendar.ts';
import { type SlaPolicy, parseSlaPolicy } from '#domain/sla-policy.ts';
import { getCustomCalendar } from './stores/custom-calendar.ts';
import { deskTimeZone } from './config.ts';

let policy: SlaPolicy | undefined;

/**
 * The SLA policy from SLA_POLICY (JSON), validated once per cold start: a
 * wrong policy fails the first request naming the field, never a silent default.
 */
export function slaPolicy(): SlaPolicy {
  return (policy ??= parseSlaPolicy(process.env.SLA_POLICY));
}

/** A loaded calendar reaches every warm function within this long. */
const calendarCacheMs = 60_000;
let cached: { calendar: BusinessCalendar; loadedAt: number } | undefined;

/** The statutory calendar with the desk's own entries (company days, newly published years) on top. */
export async function deskCalendar(): Promise<BusinessCalendar> {
  if (cached && Date.now() - cached.loadedAt < calendarCacheMs) return cached.calendar;
  const statutory = chinaStatutoryCalendar(deskTimeZone());
  const custom = await getCustomCalendar();
  cached = { calendar: custom ? withCustomCalendar(statutory, custom) : statutory, loadedAt: Date.now() };
  return cached.calendar;
}

/**
 * For the running workflow (waits, warnings, confirmation windows, level 3):
 * the next two years the data lacks count Monday to Friday, so a case near
 * the year's end keeps moving. Its receipt deadlines were computed strictly
 * (deskCalendar) and flagged provisional, with an operations alert, and are
 * recomputed when the year is loaded.
 */
export async function operationalCalendar(): Promise<BusinessCalendar> {
  const calendar = await deskCalendar();
  const lastCovered = Math.max(...calendar.coveredYears);
  return calendar.withEntries(
    [],
    [lastCovered + 1, lastCovered + 2].filter((year) => !calendar.covers(year)),
  );
}

/** After a load in this process, the next read sees it at once. */
export function forgetDeskCalendar(): void {
  cached = undefined;
}
