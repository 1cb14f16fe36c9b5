/**
 * The reports page's figures and chart options, built from a KpiReport as
 * pure data (no DOM, no ECharts runtime), so the unit tests check the exact
 * series values and the accessible tables show the same figures as the charts.
 */
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { components } from '../../api/schema.ts';

export type KpiReport = components['schemas']['KpiReport'];
export type KpiSeriesEntry = NonNullable<KpiReport['series']>[number];
export type KpiGroup = NonNullable<KpiReport['groups']>[number];
export type Interval = 'week' | 'month';

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | MarkLineComponentOption
>;

/** The chart's figures as a table: the accessible alternative to the canvas. */
export interface ChartTable {
  columns: string[];
  rows: { key: string; label: string; cells: string[] }[];
}

export interface ChartSpec {
  option: ChartOption;
  table: ChartTable;
  /** The figures in one line, for the chart's aria-label. */
  items: string;
}

/** The words a chart shows, already in the UI language. */
export interface ChartText {
  language: string;
  count: string;
  received: string;
  closed: string;
  firstResponseRate: string;
  resolutionRate: string;
  target: string;
  csat: string;
  nps: string;
  levelName: (level: 1 | 2 | 3) => string;
  none: string;
}

/** Review targets (fractions for rates) the policy sets; null or absent: no target. */
export interface ReviewTargets {
  resolvedRate?: number | null;
  firstResponseMetRate?: number | null;
  resolutionMetRate?: number | null;
  meanWorkingDays?: number | null;
  escalatedRate?: number | null;
  reopenedRate?: number | null;
  repeatRate?: number | null;
  firstContactResolutionRate?: number | null;
  surveyResponseRate?: number | null;
  satisfiedRate?: number | null;
  nps?: number | null;
}

export interface PolicyTargets {
  firstResponseHours?: number;
  resolutionWorkingDays?: number;
  review: ReviewTargets;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});

/** The deadlines and the review targets from GET /staff/policies (its policy is untyped in the contract: read defensively). */
export function policyTargetsOf(answer: unknown): PolicyTargets {
  const policy = record(record(answer).policy);
  const defaults = record(policy.defaults);
  const reviewIn = record(policy.reviewTargets);
  const review: ReviewTargets = {};
  for (const [key, value] of Object.entries(reviewIn)) {
    if (isNumber(value) || value === null) (review as Record<string, number | null>)[key] = value;
  }
  return {
    ...(isNumber(defaults.firstResponseHours) ? { firstResponseHours: defaults.firstResponseHours } : {}),
    ...(isNumber(defaults.resolutionWorkingDays) ? { resolutionWorkingDays: defaults.resolutionWorkingDays } : {}),
    review,
  };
}

/** A rate as a percentage with one decimal, for a chart; null stays null (a gap, never 0). */
export function percent(rate: number | null | undefined): number | null {
  return rate === null || rate === undefined ? null : Math.round(rate * 1000) / 10;
}

export function formatRate(rate: number | null | undefined, language: string, none = '—'): string {
  if (rate === null || rate === undefined) return none;
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

export function formatNumber(value: number | null | undefined, language: string, none = '—', digits = 1): string {
  if (value === null || value === undefined) return none;
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
}

/** A series entry's name on the axis: the month for months, the first day for weeks. */
export function seriesLabel(entry: { from: string; to: string }, interval: Interval): string {
  return interval === 'month' ? entry.from.slice(0, 7) : entry.from;
}

const tooltip: TooltipComponentOption = { trigger: 'axis', renderMode: 'richText', confine: true };
const grid: GridComponentOption = { left: 8, right: 16, top: 40, bottom: 8, containLabel: true };

const rowsOf = (labels: string[], values: string[][]) =>
  labels.map((label, i) => ({ key: `${i}:${label}`, label, cells: values[i] ?? [] }));

const joinItems = (labels: string[], values: string[][]) => labels.map((label, i) => `${label} ${(values[i] ?? []).join(' / ')}`).join('; ');

export function volumeByCategory(report: KpiReport, text: ChartText): ChartSpec {
  const keys = Object.keys(report.byCategory);
  const names = keys.map((key) => (report.labels.category as Record<string, string | undefined>)[key] ?? key);
  const counts = keys.map((key) => report.byCategory[key] ?? 0);
  const cells = counts.map((n) => [formatNumber(n, text.language)]);
  return {
    option: {
      tooltip,
      grid,
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: text.count, data: counts }],
    },
    table: { columns: [text.count], rows: rowsOf(names, cells) },
    items: joinItems(names, cells),
  };
}

export function trend(series: KpiSeriesEntry[], interval: Interval, text: ChartText): ChartSpec {
  const labels = series.map((entry) => seriesLabel(entry, interval));
  const received = series.map((entry) => entry.received);
  const closed = series.map((entry) => entry.closed);
  const cells = series.map((entry) => [formatNumber(entry.received, text.language), formatNumber(entry.closed, text.language)]);
  return {
    option: {
      tooltip,
      grid,
      legend: { top: 0 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: text.received, data: received },
        { type: 'line', name: text.closed, data: closed },
      ],
    },
    table: { columns: [text.received, text.closed], rows: rowsOf(labels, cells) },
    items: joinItems(labels, cells),
  };
}

const targetLine = (target: number | null | undefined, name: string): LineSeriesOption['markLine'] | undefined =>
  target === null || target === undefined
    ? undefined
    : { silent: true, symbol: 'none', label: { formatter: `${name} ${percent(target)}%` }, data: [{ yAxis: percent(target) ?? 0 }] };

export function compliance(series: KpiSeriesEntry[], interval: Interval, targets: ReviewTargets, text: ChartText): ChartSpec {
  const labels = series.map((entry) => seriesLabel(entry, interval));
  const firstResponse = series.map((entry) => percent(entry.firstResponse.metRate));
  const resolution = series.map((entry) => percent(entry.resolution.metRate));
  const frLine = targetLine(targets.firstResponseMetRate, text.target);
  const resLine = targetLine(targets.resolutionMetRate, text.target);
  const cells = series.map((entry) => [
    formatRate(entry.firstResponse.metRate, text.language, text.none),
    formatRate(entry.resolution.metRate, text.language, text.none),
  ]);
  const columns = [text.firstResponseRate, text.resolutionRate];
  const targetCells: string[] = [];
  if (frLine || resLine) {
    targetCells.push(formatRate(targets.firstResponseMetRate, text.language, text.none), formatRate(targets.resolutionMetRate, text.language, text.none));
  }
  return {
    option: {
      tooltip,
      grid,
      legend: { top: 0 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { type: 'line', name: text.firstResponseRate, data: firstResponse, connectNulls: false, ...(frLine ? { markLine: frLine } : {}) },
        { type: 'line', name: text.resolutionRate, data: resolution, connectNulls: false, ...(resLine ? { markLine: resLine } : {}) },
      ],
    },
    table: {
      columns,
      rows: [...rowsOf(labels, cells), ...(targetCells.length ? [{ key: 'target', label: text.target, cells: targetCells }] : [])],
    },
    items: joinItems(labels, cells),
  };
}

export function escalationsByLevel(report: KpiReport, text: ChartText): ChartSpec {
  const levels = [1, 2, 3] as const;
  const names = levels.map((level) => text.levelName(level));
  const counts = [report.escalated.level1, report.escalated.level2, report.escalated.level3];
  const cells = counts.map((n) => [formatNumber(n, text.language)]);
  return {
    option: {
      tooltip,
      grid,
      xAxis: { type: 'category', data: names },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: text.count, data: counts }],
    },
    table: { columns: [text.count], rows: rowsOf(names, cells) },
    items: joinItems(names, cells),
  };
}

export function satisfaction(series: KpiSeriesEntry[], interval: Interval, text: ChartText): ChartSpec {
  const labels = series.map((entry) => seriesLabel(entry, interval));
  const csat = series.map((entry) => (entry.surveys.csatMean === null ? null : Math.round(entry.surveys.csatMean * 100) / 100));
  const nps = series.map((entry) => (entry.surveys.nps === null ? null : Math.round(entry.surveys.nps * 10) / 10));
  const cells = series.map((_, i) => [formatNumber(csat[i], text.language, text.none, 2), formatNumber(nps[i], text.language, text.none)]);
  return {
    option: {
      tooltip,
      grid,
      legend: { top: 0 },
      xAxis: { type: 'category', data: labels },
      yAxis: [
        { type: 'value', name: text.csat, min: 1, max: 5 },
        { type: 'value', name: text.nps, min: -100, max: 100 },
      ],
      series: [
        { type: 'line', name: text.csat, data: csat, yAxisIndex: 0, connectNulls: false },
        { type: 'line', name: text.nps, data: nps, yAxisIndex: 1, connectNulls: false },
      ],
    },
    table: { columns: [text.csat, text.nps], rows: rowsOf(labels, cells) },
    items: joinItems(labels, cells),
  };
}

/** Whether a figure meets its target: higher is better except for days, escalations, reopenings and repeats. */
export function meetsTarget(value: number | null, target: number | null | undefined, lowerIsBetter = false): boolean | undefined {
  if (value === null || target === null || target === undefined) return undefined;
  return lowerIsBetter ? value <= target : value >= target;
}
