import { describe, expect, it } from 'vitest';
import {
  type ChartText,
  type KpiReport,
  type KpiSeriesEntry,
  compliance,
  escalationsByLevel,
  formatRate,
  meetsTarget,
  percent,
  policyTargetsOf,
  satisfaction,
  trend,
  volumeByCategory,
} from '../src/desk/reports/chart-options.ts';

type Figures = Omit<KpiSeriesEntry, 'from' | 'to'>;

function figures(over: Partial<Figures> = {}): Figures {
  return {
    received: 10,
    open: 2,
    closed: 8,
    resolvedRate: 0.8,
    byCategory: { product_quality: 5, logistics: 3, service_attitude: 0, billing_dispute: 1, service_process: 1, other: 0, uncertain: 0 },
    byChannel: {},
    bySeverity: {},
    byTier: {},
    firstResponse: { met: 9, breached: 1, pending: 0, metRate: 0.9 },
    resolution: { met: 7, breached: 1, pending: 2, metRate: 0.875, meanWorkingDays: 1.8, medianWorkingDays: 1.5 },
    escalated: { any: 3, level1: 2, level2: 1, level3: 0, rate: 0.3 },
    reopened: { count: 1, rate: 0.125 },
    repeat: { count: 1, rate: 0.1 },
    uncertainAtFiling: { count: 2, rate: 0.2 },
    firstContactResolutionRate: 0.875,
    surveys: { sent: 8, answered: 4, responseRate: 0.5, csatMean: 4.25, satisfiedRate: 0.75, nps: 25 },
    noFeedback: 0,
    ...over,
  };
}

const series: KpiSeriesEntry[] = [
  { ...figures(), from: '2026-11-01', to: '2026-11-30' },
  {
    ...figures({
      received: 4,
      closed: 1,
      firstResponse: { met: 1, breached: 2, pending: 1, metRate: 1 / 3 },
      resolution: { met: 0, breached: 0, pending: 4, metRate: null, meanWorkingDays: null, medianWorkingDays: null },
      surveys: { sent: 0, answered: 0, responseRate: null, csatMean: null, satisfiedRate: null, nps: null },
    }),
    from: '2026-12-01',
    to: '2026-12-15',
  },
];

const report: KpiReport = {
  ...figures(),
  period: { from: '2026-11-01', to: '2026-12-15', timeZone: 'Asia/Shanghai' },
  generatedAt: '2026-12-15T08:00:00+08:00',
  scope: { team: null, agent: null },
  labels: {
    category: {
      product_quality: 'Product quality',
      logistics: 'Logistics',
      service_attitude: 'Staff service',
      billing_dispute: 'Billing',
      service_process: 'Service process',
      other: 'Other',
      uncertain: "Needs an agent's pick",
    },
    channel: {},
    severity: {},
    tier: {},
  },
  series,
};

const text: ChartText = {
  language: 'en',
  count: 'Complaints',
  received: 'Received',
  closed: 'Closed',
  firstResponseRate: 'First response on time (%)',
  resolutionRate: 'Resolved on time (%)',
  target: 'Target',
  csat: 'CSAT',
  nps: 'NPS',
  levelName: (level) => `Level ${level}`,
  none: '—',
};

const seriesOf = (option: { series?: unknown }) => option.series as { name: string; data: unknown[]; markLine?: { data: { yAxis: number }[] } }[];
const xAxisOf = (option: { xAxis?: unknown }) => (option.xAxis as { data: string[] }).data;

describe('report chart options', () => {
  it('counts every category, 0 and the cases waiting on a pick included, under the names the report gives', () => {
    const spec = volumeByCategory(report, text);
    expect(xAxisOf(spec.option)).toEqual(['Product quality', 'Logistics', 'Staff service', 'Billing', 'Service process', 'Other', "Needs an agent's pick"]);
    expect(seriesOf(spec.option)[0]!.data).toEqual([5, 3, 0, 1, 1, 0, 0]);
    expect(spec.table.rows.map((r) => [r.label, ...r.cells])).toEqual([
      ['Product quality', '5'],
      ['Logistics', '3'],
      ['Staff service', '0'],
      ['Billing', '1'],
      ['Service process', '1'],
      ['Other', '0'],
      ["Needs an agent's pick", '0'],
    ]);
    expect(spec.items).toBe("Product quality 5; Logistics 3; Staff service 0; Billing 1; Service process 1; Other 0; Needs an agent's pick 0");
  });

  it('draws received and closed per month', () => {
    const spec = trend(series, 'month', text);
    expect(xAxisOf(spec.option)).toEqual(['2026-11', '2026-12']);
    expect(seriesOf(spec.option).map((s) => [s.name, s.data])).toEqual([
      ['Received', [10, 4]],
      ['Closed', [8, 1]],
    ]);
    expect(trend(series, 'week', text).table.rows.map((r) => r.label)).toEqual(['2026-11-01', '2026-12-01']);
  });

  it('draws the deadlines met as percentages, a gap where nothing was counted, and the target line', () => {
    const spec = compliance(series, 'month', { firstResponseMetRate: 0.95 }, text);
    const [firstResponse, resolution] = seriesOf(spec.option);
    expect(firstResponse!.data).toEqual([90, 33.3]);
    expect(resolution!.data).toEqual([87.5, null]);
    expect(firstResponse!.markLine!.data).toEqual([{ yAxis: 95 }]);
    expect(resolution!.markLine).toBeUndefined();
    expect(spec.table.rows.map((r) => [r.label, ...r.cells])).toEqual([
      ['2026-11', '90%', '87.5%'],
      ['2026-12', '33.3%', '—'],
      ['Target', '95%', '—'],
    ]);
  });

  it('counts escalations by level', () => {
    const spec = escalationsByLevel(report, text);
    expect(xAxisOf(spec.option)).toEqual(['Level 1', 'Level 2', 'Level 3']);
    expect(seriesOf(spec.option)[0]!.data).toEqual([2, 1, 0]);
  });

  it('draws CSAT and NPS on their own axes', () => {
    const spec = satisfaction(series, 'month', text);
    const [csat, nps] = seriesOf(spec.option);
    expect(csat!.data).toEqual([4.25, null]);
    expect(nps!.data).toEqual([25, null]);
    expect(spec.table.rows[1]!.cells).toEqual(['—', '—']);
  });

  it('never renders data as HTML in tooltips', () => {
    for (const spec of [volumeByCategory(report, text), trend(series, 'week', text), satisfaction(series, 'week', text)]) {
      expect(spec.option.tooltip).toMatchObject({ renderMode: 'richText' });
    }
  });
});

describe('report figures', () => {
  it('keeps null rates null', () => {
    expect(percent(null)).toBeNull();
    expect(percent(0)).toBe(0);
    expect(formatRate(null, 'en')).toBe('—');
    expect(formatRate(0.978, 'en')).toBe('97.8%');
  });

  it('compares with targets, lower better for days and escalations', () => {
    expect(meetsTarget(0.96, 0.95)).toBe(true);
    expect(meetsTarget(0.94, 0.95)).toBe(false);
    expect(meetsTarget(1.8, 2, true)).toBe(true);
    expect(meetsTarget(null, 0.95)).toBeUndefined();
    expect(meetsTarget(0.5, null)).toBeUndefined();
  });

  it('reads the deadlines and review targets from the policy answer', () => {
    const answer = {
      timeZone: 'Asia/Shanghai',
      policy: { defaults: { firstResponseHours: 48, resolutionWorkingDays: 7 }, reviewTargets: { resolutionMetRate: 0.9, nps: null, bogus: 'x' } },
    };
    expect(policyTargetsOf(answer)).toEqual({ firstResponseHours: 48, resolutionWorkingDays: 7, review: { resolutionMetRate: 0.9, nps: null } });
    expect(policyTargetsOf(undefined)).toEqual({ review: {} });
  });
});
