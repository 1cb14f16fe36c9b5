import type { BusinessCalendar, LocalDate } from '#domain/business-calendar.ts';
import type { CaseCategory, Locale } from '#domain/complaint.ts';
import type { ReviewTargets } from '#domain/sla-policy.ts';
import type { KpiFigures } from './kpi.ts';
import { firstOfMonth, lastOfMonth, monthOf, previousMonth } from './local-dates.ts';

/*
 * The monthly review (月度复盘): on the first working day of a month, at
 * 09:00 desk time, last month's figures beside the month before and the
 * targets, the worst breaches and the most frequent root causes.
 */

/** When the review goes out on its day, desk time. */
export const reviewHour = 9;

/** The month's first working day by the business calendar: 2 February 2026 (1 February a Sunday), Sunday 4 January 2026 (a make-up day). */
export function firstWorkingDayOf(month: string, calendar: BusinessCalendar): LocalDate {
  const last = lastOfMonth(month);
  for (let day = 1; ; day++) {
    const date = `${month}-${String(day).padStart(2, '0')}`;
    if (date > last) throw new Error(`${month} has no working day in the business calendar`);
    if (calendar.isWorkingDay(date)) return date;
  }
}

/** The instant the month's review is due: its first working day at 09:00 desk time. */
export function reviewDueAt(month: string, calendar: BusinessCalendar): Date {
  return new Date(calendar.startOfLocalDay(firstWorkingDayOf(month, calendar)).getTime() + reviewHour * 3_600_000);
}

/**
 * Working days after the first on which a review not yet sent still goes out:
 * a run that failed on the day is retried the next mornings, while a desk
 * deployed in the middle of a month sends no stale review of the month before.
 */
export const reviewCatchUpWorkingDays = 2;

/**
 * The month whose review is due at `now`, if any: the previous month, from
 * the first working day's 09:00 to the end of the catch-up days. The record
 * of the sent review keeps it to once.
 */
export function reviewedMonthAt(now: Date, calendar: BusinessCalendar): string | undefined {
  const today = calendar.localDateOf(now);
  const month = monthOf(today);
  const firstWorkingDay = firstWorkingDayOf(month, calendar);
  const lastChance = calendar.nthWorkingDayAfter(firstWorkingDay, reviewCatchUpWorkingDays);
  return now >= reviewDueAt(month, calendar) && today <= lastChance ? previousMonth(month) : undefined;
}

export interface ReviewPeriod {
  month: string;
  from: LocalDate;
  to: LocalDate;
}

export const reviewPeriodOf = (month: string): ReviewPeriod => ({ month, from: firstOfMonth(month), to: lastOfMonth(month) });

type Bound = 'min' | 'max';
export type HeadlineFormat = 'count' | 'rate' | 'days' | 'score' | 'nps';

interface HeadlineDefinition {
  key: string;
  label: Record<Locale, string>;
  format: HeadlineFormat;
  value: (figures: KpiFigures) => number | null;
  target?: { key: keyof ReviewTargets; bound: Bound };
}

/** The review's headline figures, in the order of the annual report's summary. */
const headlineDefinitions: readonly HeadlineDefinition[] = [
  { key: 'received', label: { 'zh-CN': '受理投诉', en: 'Complaints received' }, format: 'count', value: (f) => f.received },
  { key: 'closed', label: { 'zh-CN': '已办结', en: 'Closed' }, format: 'count', value: (f) => f.closed },
  {
    key: 'resolvedRate',
    label: { 'zh-CN': '办结率', en: 'Resolved rate' },
    format: 'rate',
    value: (f) => f.resolvedRate,
    target: { key: 'resolvedRate', bound: 'min' },
  },
  {
    key: 'firstResponse.metRate',
    label: { 'zh-CN': '首次响应按时率', en: 'First response on time' },
    format: 'rate',
    value: (f) => f.firstResponse.metRate,
    target: { key: 'firstResponseMetRate', bound: 'min' },
  },
  {
    key: 'resolution.metRate',
    label: { 'zh-CN': '限时办结按时率', en: 'Resolution on time' },
    format: 'rate',
    value: (f) => f.resolution.metRate,
    target: { key: 'resolutionMetRate', bound: 'min' },
  },
  {
    key: 'resolution.meanWorkingDays',
    label: { 'zh-CN': '平均处理时长（工作日）', en: 'Mean handling time (working days)' },
    format: 'days',
    value: (f) => f.resolution.meanWorkingDays,
    target: { key: 'meanWorkingDays', bound: 'max' },
  },
  {
    key: 'escalated.rate',
    label: { 'zh-CN': '投诉升级率', en: 'Escalation rate' },
    format: 'rate',
    value: (f) => f.escalated.rate,
    target: { key: 'escalatedRate', bound: 'max' },
  },
  {
    key: 'reopened.rate',
    label: { 'zh-CN': '重新打开率', en: 'Reopened rate' },
    format: 'rate',
    value: (f) => f.reopened.rate,
    target: { key: 'reopenedRate', bound: 'max' },
  },
  {
    key: 'repeat.rate',
    label: { 'zh-CN': '重复投诉率', en: 'Repeat complaint rate' },
    format: 'rate',
    value: (f) => f.repeat.rate,
    target: { key: 'repeatRate', bound: 'max' },
  },
  {
    key: 'firstContactResolutionRate',
    label: { 'zh-CN': '一次性解决率', en: 'First-contact resolution' },
    format: 'rate',
    value: (f) => f.firstContactResolutionRate,
    target: { key: 'firstContactResolutionRate', bound: 'min' },
  },
  {
    key: 'surveys.responseRate',
    label: { 'zh-CN': '回访应答率', en: 'Survey response rate' },
    format: 'rate',
    value: (f) => f.surveys.responseRate,
    target: { key: 'surveyResponseRate', bound: 'min' },
  },
  {
    key: 'surveys.satisfiedRate',
    label: { 'zh-CN': '满意度', en: 'Satisfied (CSAT 4–5)' },
    format: 'rate',
    value: (f) => f.surveys.satisfiedRate,
    target: { key: 'satisfiedRate', bound: 'min' },
  },
  {
    key: 'surveys.csatMean',
    label: { 'zh-CN': '平均满意度评分（1–5）', en: 'Mean CSAT (1–5)' },
    format: 'score',
    value: (f) => f.surveys.csatMean,
  },
  {
    key: 'surveys.nps',
    label: { 'zh-CN': '净推荐值 NPS', en: 'NPS' },
    format: 'nps',
    value: (f) => f.surveys.nps,
    target: { key: 'nps', bound: 'min' },
  },
];

export interface Headline {
  key: string;
  label: Record<Locale, string>;
  format: HeadlineFormat;
  current: number | null;
  previous: number | null;
  target: { bound: Bound; value: number } | null;
  /** Null when there is no target or nothing was counted. */
  met: boolean | null;
}

/**
 * Each headline figure of the month beside the month before and its target.
 * Customers never told what was done (noFeedback) must be 0 by DOMAIN.md,
 * whatever the policy says, so that target is fixed.
 */
export function reviewHeadlines(current: KpiFigures, previous: KpiFigures, targets: ReviewTargets): Headline[] {
  const headlines = headlineDefinitions.map((definition): Headline => {
    const value = definition.value(current);
    const targetValue = definition.target ? targets[definition.target.key] : null;
    const target = definition.target && targetValue !== null ? { bound: definition.target.bound, value: targetValue } : null;
    return {
      key: definition.key,
      label: definition.label,
      format: definition.format,
      current: value,
      previous: definition.value(previous),
      target,
      met: target === null || value === null ? null : target.bound === 'min' ? value >= target.value : value <= target.value,
    };
  });
  headlines.push({
    key: 'noFeedback',
    label: { 'zh-CN': '办结未告知客户', en: 'Closed without telling the customer' },
    format: 'count',
    current: current.noFeedback,
    previous: previous.noFeedback,
    target: { bound: 'max', value: 0 },
    met: current.noFeedback === 0,
  });
  return headlines;
}

export interface ReviewBreach {
  caseNumber: string;
  category: CaseCategory;
  owner: string | null;
  deadline: 'firstResponse' | 'resolution';
  dueAt: string;
  doneAt: string | null;
  overdueHours: number;
  overdueWorkingDays: number | null;
  escalationLevel: number;
}

/** The worst of the month's breaches: most overdue first, then by case number so the list is stable. */
export function worstBreaches<B extends ReviewBreach>(breaches: readonly B[], count = 10): B[] {
  return [...breaches]
    .sort((a, b) => b.overdueHours - a.overdueHours || a.caseNumber.localeCompare(b.caseNumber) || a.deadline.localeCompare(b.deadline))
    .slice(0, count);
}

export interface RootCauseCount {
  rootCause: string;
  count: number;
  /** The category most of its cases were filed under. */
  category: CaseCategory;
}

/** Case and spacing are not a different cause: agents type the same cause in many ways. */
const causeKey = (text: string) => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The most frequent root causes of the month's cases (the monthly 复盘). A
 * cause is shown as most of its cases spell it; ties between causes go to
 * the one written first.
 */
export function topRootCauses(cases: readonly { rootCause: string; category: CaseCategory }[], count = 5): RootCauseCount[] {
  const byKey = new Map<string, { count: number; spellings: Map<string, number>; categories: Map<CaseCategory, number>; order: number }>();
  for (const entry of cases) {
    const key = causeKey(entry.rootCause);
    if (key === '') continue;
    let cause = byKey.get(key);
    if (!cause) {
      cause = { count: 0, spellings: new Map(), categories: new Map(), order: byKey.size };
      byKey.set(key, cause);
    }
    cause.count++;
    const spelling = entry.rootCause.trim().replace(/\s+/g, ' ');
    cause.spellings.set(spelling, (cause.spellings.get(spelling) ?? 0) + 1);
    cause.categories.set(entry.category, (cause.categories.get(entry.category) ?? 0) + 1);
  }
  const mostUsed = <K extends string>(counts: Map<K, number>): K =>
    [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0]![0];
  return [...byKey.values()]
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .slice(0, count)
    .map((cause) => ({ rootCause: mostUsed(cause.spellings), count: cause.count, category: mostUsed(cause.categories) }));
}
