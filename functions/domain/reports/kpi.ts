import { caseCategories, channels, type Locale, tiers } from '#domain/complaint.ts';
import { categoryLabels } from '#domain/messages.ts';
import { severities } from '#domain/sla-policy.ts';
import type { CohortRow } from './cohort.ts';
import { intervalsOf } from './local-dates.ts';

/** The figures of DOMAIN.md's KPI table, named as the report answers them. */
export interface KpiFigures {
  received: number;
  open: number;
  closed: number;
  resolvedRate: number | null;
  byCategory: Record<string, number>;
  byChannel: Record<string, number>;
  bySeverity: Record<string, number>;
  byTier: Record<string, number>;
  firstResponse: { met: number; breached: number; pending: number; metRate: number | null };
  resolution: {
    met: number;
    breached: number;
    pending: number;
    metRate: number | null;
    meanWorkingDays: number | null;
    medianWorkingDays: number | null;
  };
  escalated: { any: number; level1: number; level2: number; level3: number; rate: number | null };
  reopened: { count: number; rate: number | null };
  repeat: { count: number; rate: number | null };
  /** Filed `uncertain` by triage, whatever an agent picked since: how often triage left the pick to the desk. */
  uncertainAtFiling: { count: number; rate: number | null };
  firstContactResolutionRate: number | null;
  surveys: {
    sent: number;
    answered: number;
    responseRate: number | null;
    csatMean: number | null;
    satisfiedRate: number | null;
    nps: number | null;
  };
  noFeedback: number;
}

/** DOMAIN.md: a working day is 24 working-calendar hours. */
export const workingDayMs = 86_400_000;

/** A rate with nothing to count is null, never 0 (DOMAIN.md). Four decimals: 0.9783 reads as 97.83 %. */
const rate = (count: number, of: number): number | null => (of === 0 ? null : round(count / of, 4));
export const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

/**
 * Working days are rounded to 0.01 day per complaint before the mean and the
 * median are taken, so a month read from its stored snapshot and the same
 * month read live give the same figures to the last digit.
 */
const workingDaysOf = (row: CohortRow) => (row.workingMs === null ? null : round(row.workingMs / workingDayMs, 2));

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : round((sorted[middle - 1]! + sorted[middle]!) / 2, 2);
}

/**
 * Every figure of a set of cohort rows, in one pass: a closed year's report
 * counts 100,000 rows and more. Pure; counts add up across any split of the
 * rows.
 */
export function kpiFigures(rows: readonly CohortRow[]): KpiFigures {
  const received = rows.length;
  const byCategory = zeroes(caseCategories);
  const byChannel = zeroes(channels);
  const bySeverity = zeroes(severities);
  const byTier = zeroes(tiers);
  const firstResponse = { met: 0, breached: 0, pending: 0 };
  const resolution = { met: 0, breached: 0, pending: 0 };
  const days: number[] = [];
  let closed = 0;
  let closedNeverReopened = 0;
  let noFeedback = 0;
  const levels = [0, 0, 0, 0];
  let escalatedAny = 0;
  let reopened = 0;
  let resolvedOnce = 0;
  let repeat = 0;
  let uncertainAtFiling = 0;
  let surveysSent = 0;
  let answered = 0;
  let csatSum = 0;
  let satisfied = 0;
  let npsAnswers = 0;
  let promoters = 0;
  let detractors = 0;
  for (const row of rows) {
    byCategory[row.category] = (byCategory[row.category] ?? 0) + 1;
    byChannel[row.channel] = (byChannel[row.channel] ?? 0) + 1;
    bySeverity[row.severity] = (bySeverity[row.severity] ?? 0) + 1;
    byTier[row.tier] = (byTier[row.tier] ?? 0) + 1;
    firstResponse[row.firstResponse]++;
    resolution[row.resolution]++;
    if (row.closed) {
      closed++;
      if (!row.reopened) closedNeverReopened++;
      if (row.noFeedback) noFeedback++;
      const d = workingDaysOf(row);
      if (d !== null) days.push(d);
    }
    if (row.escalationLevels.length > 0) escalatedAny++;
    for (const level of row.escalationLevels) if (level >= 1 && level <= 3) levels[level]!++;
    if (row.reopened) reopened++;
    if (row.resolvedOnce) resolvedOnce++;
    if (row.repeat) repeat++;
    if (row.uncertainAtFiling) uncertainAtFiling++;
    if (row.surveySent) surveysSent++;
    if (row.csat !== null) {
      answered++;
      csatSum += row.csat;
      if (row.csat >= 4) satisfied++;
    }
    if (row.nps !== null) {
      npsAnswers++;
      if (row.nps >= 9) promoters++;
      else if (row.nps <= 6) detractors++;
    }
  }
  days.sort((a, b) => a - b);
  const compliance = (counts: { met: number; breached: number; pending: number }) => ({
    ...counts,
    metRate: rate(counts.met, counts.met + counts.breached),
  });
  return {
    received,
    open: received - closed,
    closed,
    resolvedRate: rate(closed, received),
    byCategory,
    byChannel,
    bySeverity,
    byTier,
    firstResponse: compliance(firstResponse),
    resolution: {
      ...compliance(resolution),
      meanWorkingDays: days.length === 0 ? null : round(days.reduce((sum, d) => sum + d, 0) / days.length, 2),
      medianWorkingDays: median(days),
    },
    escalated: { any: escalatedAny, level1: levels[1]!, level2: levels[2]!, level3: levels[3]!, rate: rate(escalatedAny, received) },
    reopened: { count: reopened, rate: rate(reopened, resolvedOnce) },
    repeat: { count: repeat, rate: rate(repeat, received) },
    uncertainAtFiling: { count: uncertainAtFiling, rate: rate(uncertainAtFiling, received) },
    firstContactResolutionRate: rate(closedNeverReopened, closed),
    surveys: {
      sent: surveysSent,
      answered,
      responseRate: rate(answered, surveysSent),
      csatMean: answered === 0 ? null : round(csatSum / answered, 2),
      satisfiedRate: rate(satisfied, answered),
      nps: npsAnswers === 0 ? null : round(((promoters - detractors) / npsAnswers) * 100, 1),
    },
    noFeedback,
  };
}

export type ReportGrouping = 'category' | 'channel' | 'severity' | 'tier' | 'team' | 'agent';

/** Owner-less complaints group under this key (team and agent). */
export const unassignedKey = 'unassigned';

const channelLabels: Record<(typeof channels)[number], Record<Locale, string>> = {
  web: { 'zh-CN': '网页', en: 'Web' },
  app: { 'zh-CN': 'App', en: 'App' },
  phone: { 'zh-CN': '电话', en: 'Phone' },
  email: { 'zh-CN': '电子邮件', en: 'Email' },
  social: { 'zh-CN': '社交媒体', en: 'Social media' },
};
const severityLabels: Record<(typeof severities)[number], Record<Locale, string>> = {
  L1: { 'zh-CN': 'L1 一般', en: 'L1 routine' },
  L2: { 'zh-CN': 'L2 复杂', en: 'L2 complex' },
  L3: { 'zh-CN': 'L3 重大', en: 'L3 major' },
};
const tierLabels: Record<(typeof tiers)[number], Record<Locale, string>> = {
  standard: { 'zh-CN': '普通客户', en: 'Standard' },
  vip: { 'zh-CN': '大客户', en: 'VIP' },
};
const unassignedLabel: Record<Locale, string> = { 'zh-CN': '未分配', en: 'Unassigned' };

const pick = <K extends string>(labels: Record<K, Record<Locale, string>>, locale: Locale) =>
  Object.fromEntries(Object.entries(labels).map(([key, names]) => [key, (names as Record<Locale, string>)[locale]])) as Record<K, string>;

/** The names of the report's keys in a language; the keys themselves never change. */
export function reportLabels(locale: Locale) {
  return {
    category: pick(categoryLabels, locale),
    channel: pick(channelLabels, locale),
    severity: pick(severityLabels, locale),
    tier: pick(tierLabels, locale),
  };
}

const fixedKeys: Partial<Record<ReportGrouping, readonly string[]>> = {
  category: caseCategories,
  channel: channels,
  severity: severities,
  tier: tiers,
};

const groupKeyOf = (row: CohortRow, by: ReportGrouping): string => {
  switch (by) {
    case 'team':
      return row.team ?? unassignedKey;
    case 'agent':
      return row.agent ?? unassignedKey;
    default:
      return row[by];
  }
};

/**
 * The figures per group: every key of a fixed list (categories, channels,
 * severities, tiers) even when 0, so tables line up month to month; teams and
 * agents as they occur, by name, the unassigned last.
 */
export function groupedFigures(rows: readonly CohortRow[], by: ReportGrouping, locale: Locale) {
  const byKey = new Map<string, CohortRow[]>();
  for (const key of fixedKeys[by] ?? []) byKey.set(key, []);
  for (const row of rows) {
    const key = groupKeyOf(row, by);
    const group = byKey.get(key);
    if (group) group.push(row);
    else byKey.set(key, [row]);
  }
  const keys = [...byKey.keys()];
  if (!fixedKeys[by]) keys.sort((a, b) => (a === unassignedKey ? 1 : b === unassignedKey ? -1 : a.localeCompare(b)));
  const labels = reportLabels(locale) as Record<string, Record<string, string>>;
  return keys.map((key) => ({
    key,
    label: key === unassignedKey && !fixedKeys[by] ? unassignedLabel[locale] : (labels[by]?.[key] ?? key),
    ...kpiFigures(byKey.get(key)!),
  }));
}

/** The figures per week (Monday to Sunday) or month of receipt, cut at the period's ends. */
export function seriesFigures(rows: readonly CohortRow[], from: string, to: string, interval: 'week' | 'month') {
  return intervalsOf(from, to, interval).map((slice) => ({
    ...slice,
    ...kpiFigures(rows.filter((row) => row.receivedOn >= slice.from && row.receivedOn <= slice.to)),
  }));
}
