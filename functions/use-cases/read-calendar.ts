import { calendarOverview } from '#domain/calendar-overview.ts';
import { deskCalendar } from '#adapters/desk-settings.ts';
import { countProvisionalComplaints } from '#adapters/stores/complaint-indexes.ts';
import { getCustomCalendar } from '#adapters/stores/custom-calendar.ts';

/** The calendar deadlines are counted with, and how many open cases wait on a year it lacks. */
export async function readCalendar(input: { now: Date }) {
  const [calendar, custom, provisionalComplaints] = await Promise.all([
    deskCalendar(),
    getCustomCalendar(),
    countProvisionalComplaints(),
  ]);
  const { years, ...overview } = calendarOverview(calendar, custom?.coveredYears ?? [], input.now);
  return { ...overview, provisionalComplaints, years };
}
