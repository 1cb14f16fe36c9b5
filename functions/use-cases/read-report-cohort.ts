import { addDays, type BusinessCalendar, type LocalDate } from '#domain/business-calendar.ts';
import { DomainError } from '#domain/errors.ts';
import { type CohortRow, cohortRow, isSettled } from '#domain/reports/cohort.ts';
import { daysBetween, firstOfMonth, lastOfMonth, monthOf, monthsOf, previousMonth } from '#domain/reports/local-dates.ts';
import { monthFacts, monthSnapshot, storeMonthSnapshot } from '#adapters/stores/report-cohorts.ts';

/** A year and a day: a year's report of any year, leap or not, and no unbounded read. */
export const longestReportDays = 366;

export interface ReportPeriod {
  from: LocalDate;
  to: LocalDate;
}

export function assertReportPeriod(period: ReportPeriod): void {
  if (period.from > period.to) {
    throw new DomainError(
      'invalid',
      'ReportPeriodInvalid',
      { en: 'from must not be after to', 'zh-CN': '开始日期不能晚于结束日期' },
      { field: 'from' },
    );
  }
  if (daysBetween(period.from, period.to) + 1 > longestReportDays) {
    throw new DomainError(
      'invalid',
      'ReportPeriodInvalid',
      { en: `a report covers at most ${longestReportDays} days`, 'zh-CN': `报表期间最长 ${longestReportDays} 天` },
      { field: 'to' },
    );
  }
}

const later = (a: LocalDate, b: LocalDate) => (a > b ? a : b);
const earlier = (a: LocalDate, b: LocalDate) => (a < b ? a : b);

/**
 * The cohort of complaints received in the period, each as it stands at
 * `now`: a settled month from its stored snapshot (one read), the others from
 * the month index. Months are read side by side.
 */
export async function readReportCohort(period: ReportPeriod, now: Date, calendar: BusinessCalendar): Promise<CohortRow[]> {
  assertReportPeriod(period);
  const months = await Promise.all(
    monthsOf(period.from, period.to).map(async (month) => {
      const from = later(period.from, firstOfMonth(month));
      const to = earlier(period.to, lastOfMonth(month));
      const snapshot = await monthSnapshot(month);
      if (snapshot && snapshot.timeZone === calendar.timeZone) {
        return snapshot.rows.filter((row) => row.receivedOn >= from && row.receivedOn <= to);
      }
      const facts = await monthFacts(month, {
        from: calendar.startOfLocalDay(from).toISOString(),
        to: calendar.startOfLocalDay(addDays(to, 1)).toISOString(),
      });
      return facts.map((f) => cohortRow(f, now, calendar));
    }),
  );
  return months.flat();
}

/**
 * Stores the snapshot of every month in the last `monthsBack` that is over,
 * settled and not stored yet; answers the months it stored. Run daily by the
 * monthly-review schedule, so a year's report reads twelve snapshots.
 */
export async function settleReportMonths(now: Date, calendar: BusinessCalendar, monthsBack = 14): Promise<string[]> {
  const months: string[] = [];
  for (let month = previousMonth(monthOf(calendar.localDateOf(now))); months.length < monthsBack; month = previousMonth(month))
    months.unshift(month);
  const stored: string[] = [];
  for (const month of months) {
    if (await monthSnapshot(month)) continue;
    const monthEnd = calendar.startOfLocalDay(addDays(lastOfMonth(month), 1));
    const facts = await monthFacts(month, {
      from: calendar.startOfLocalDay(firstOfMonth(month)).toISOString(),
      to: monthEnd.toISOString(),
    });
    if (!isSettled(facts, monthEnd, now)) continue;
    const outcome = await storeMonthSnapshot({
      month,
      timeZone: calendar.timeZone,
      settledAt: now.toISOString(),
      rows: facts.map((f) => cohortRow(f, now, calendar)),
    });
    if (outcome === 'stored') stored.push(month);
  }
  return stored;
}
