import type { LocalDate } from '#domain/business-calendar.ts';
import type { Locale } from '#domain/complaint.ts';
import type { CohortRow } from '#domain/reports/cohort.ts';
import { reportCsv, type CsvRow } from '#domain/reports/csv.ts';
import { groupedFigures, kpiFigures, type ReportGrouping, reportLabels, seriesFigures } from '#domain/reports/kpi.ts';
import { deskCalendar } from '#adapters/desk-settings.ts';
import { readReportCohort } from './read-report-cohort.ts';

export interface KpiReportAsk {
  from: LocalDate;
  to: LocalDate;
  groupBy?: ReportGrouping | undefined;
  interval?: 'week' | 'month' | undefined;
  /** Only this team's or this agent's complaints (an agent's view); empty for the whole desk. */
  scope: ReportScope;
  now: Date;
  locale: Locale;
}

export interface ReportScope {
  team?: string | undefined;
  agent?: string | undefined;
}

/** Whose complaints a report counts, by their owner (team and agent) as they stand. */
export const inScope = (scope: ReportScope) => (row: CohortRow) =>
  (scope.team === undefined || row.team === scope.team) && (scope.agent === undefined || row.agent === scope.agent);

/** The KPI report of a receipt cohort (DOMAIN.md), with its groups and series when asked for. */
export async function buildKpiReport(ask: KpiReportAsk) {
  const calendar = await deskCalendar();
  const rows = (await readReportCohort({ from: ask.from, to: ask.to }, ask.now, calendar)).filter(inScope(ask.scope));
  return {
    period: { from: ask.from, to: ask.to, timeZone: calendar.timeZone },
    generatedAt: ask.now.toISOString(),
    scope: { team: ask.scope.team ?? null, agent: ask.scope.agent ?? null },
    ...kpiFigures(rows),
    labels: reportLabels(ask.locale),
    ...(ask.groupBy ? { groups: groupedFigures(rows, ask.groupBy, ask.locale) } : {}),
    ...(ask.interval ? { series: seriesFigures(rows, ask.from, ask.to, ask.interval) } : {}),
  };
}

export type KpiReport = Awaited<ReturnType<typeof buildKpiReport>>;

const leadHeaders: Record<Locale, string[]> = { 'zh-CN': ['开始日期', '结束日期', '分组', '名称'], en: ['from', 'to', 'group', 'name'] };

/** The report as CSV: a row per group, then a row per series entry; the whole period's row when neither was asked for. */
export function kpiReportCsv(report: KpiReport, locale: Locale): string {
  const { from, to } = report.period;
  const rows: CsvRow[] = [
    ...(report.groups ?? []).map(({ key, label, ...figures }) => ({ lead: [from, to, key, label], figures })),
    ...(report.series ?? []).map(({ from: start, to: end, ...figures }) => ({ lead: [start, end, null, null], figures })),
  ];
  if (rows.length === 0) rows.push({ lead: [from, to, null, null], figures: report });
  return reportCsv(leadHeaders, rows, locale);
}
