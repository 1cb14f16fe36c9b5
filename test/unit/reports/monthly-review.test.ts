import { describe, expect, it } from 'vitest';
import { chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import { kpiFigures } from '#domain/reports/kpi.ts';
import {
  firstWorkingDayOf,
  type ReviewBreach,
  reviewDueAt,
  reviewHeadlines,
  reviewedMonthAt,
  topRootCauses,
  worstBreaches,
} from '#domain/reports/monthly-review.ts';
import { monthlyReviewEmail } from '#domain/reports/review-email.ts';
import { defaultReviewTargets, parseSlaPolicy, reviewTargetsOf } from '#domain/sla-policy.ts';

const shanghai = chinaStatutoryCalendar('Asia/Shanghai');

describe('The monthly review: its day', () => {
  it.each([
    ['2026-02', '2026-02-02', '1 February 2026 is a Sunday'],
    ['2026-01', '2026-01-04', 'New Year 1–3 January; Sunday 4 January is a make-up working day'],
    ['2025-10', '2025-10-09', 'National Day and Mid-Autumn, 1–8 October'],
    ['2025-02', '2025-02-05', 'Spring Festival, 28 January – 4 February'],
    ['2026-12', '2026-12-01', 'an ordinary Tuesday'],
  ])('first working day of %s is %s (%s)', (month, day) => {
    expect(firstWorkingDayOf(month, shanghai)).toBe(day);
  });

  it('is due at 09:00 desk time on that day, in any desk zone', () => {
    expect(reviewDueAt('2026-02', shanghai).toISOString()).toBe('2026-02-02T01:00:00.000Z');
    // The same statutory calendar read in Berlin: 09:00 there is 08:00 UTC in winter.
    expect(reviewDueAt('2026-02', shanghai.withTimeZone('Europe/Berlin')).toISOString()).toBe('2026-02-02T08:00:00.000Z');
  });

  it('reviews the month before, from 09:00 on the first working day through two more working days, and not after', () => {
    const at = (iso: string) => reviewedMonthAt(new Date(iso), shanghai);
    expect(at('2025-10-01T01:00:00.000Z')).toBeUndefined(); // a holiday, the 1st
    expect(at('2025-10-09T00:59:59.999Z')).toBeUndefined(); // 08:59 on the first working day
    expect(at('2025-10-09T01:00:00.000Z')).toBe('2025-09');
    expect(at('2025-10-10T01:00:00.000Z')).toBe('2025-09');
    // Saturday 11 October is a make-up working day: the last day to catch up.
    expect(at('2025-10-11T15:59:00.000Z')).toBe('2025-09');
    expect(at('2025-10-12T01:00:00.000Z')).toBeUndefined();
    expect(at('2025-10-20T01:00:00.000Z')).toBeUndefined();
    // January's review of December crosses the year.
    expect(at('2026-01-04T01:00:00.000Z')).toBe('2025-12');
  });
});

describe('The monthly review: its content', () => {
  const none = kpiFigures([]);

  it('puts each headline figure beside the month before and its target, met or missed', () => {
    const current = {
      ...none,
      received: 40,
      closed: 38,
      resolvedRate: 0.95,
      firstResponse: { ...none.firstResponse, metRate: 0.9 },
      escalated: { ...none.escalated, rate: 0.05 },
      noFeedback: 1,
    };
    const previous = { ...none, received: 30, resolvedRate: 1 };
    const headlines = reviewHeadlines(current, previous, defaultReviewTargets);
    const row = (key: string) => headlines.find((h) => h.key === key)!;
    expect(row('received')).toMatchObject({ current: 40, previous: 30, target: null, met: null });
    // At the target is met: ≥ for a rate to reach, ≤ for one to keep under.
    expect(row('resolvedRate')).toMatchObject({ current: 0.95, previous: 1, target: { bound: 'min', value: 0.95 }, met: true });
    expect(row('firstResponse.metRate')).toMatchObject({ current: 0.9, target: { bound: 'min', value: 0.95 }, met: false });
    expect(row('escalated.rate')).toMatchObject({ current: 0.05, target: { bound: 'max', value: 0.05 }, met: true });
    // Nothing counted is neither met nor missed.
    expect(row('surveys.nps')).toMatchObject({ current: null, met: null });
    // A customer never told is a miss whatever the policy says.
    expect(row('noFeedback')).toMatchObject({ current: 1, target: { bound: 'max', value: 0 }, met: false });
    expect(headlines.map((h) => h.key)).toEqual([
      'received',
      'closed',
      'resolvedRate',
      'firstResponse.metRate',
      'resolution.metRate',
      'resolution.meanWorkingDays',
      'escalated.rate',
      'reopened.rate',
      'repeat.rate',
      'firstContactResolutionRate',
      'surveys.responseRate',
      'surveys.satisfiedRate',
      'surveys.csatMean',
      'surveys.nps',
      'noFeedback',
    ]);
  });

  it("takes the policy's targets: each given one replaces the built-in, null drops it, a share above 1 is refused", () => {
    const policy = parseSlaPolicy(
      JSON.stringify({
        version: 'desk-2026',
        defaults: {
          firstResponseHours: 24,
          resolutionWorkingDays: 5,
          confirmationWorkingDays: 3,
          surveyDelayHours: 24,
          warningThreshold: 0.75,
        },
        reviewTargets: { firstResponseMetRate: 0.99, nps: null },
      }),
    );
    expect(reviewTargetsOf(policy)).toEqual({ ...defaultReviewTargets, firstResponseMetRate: 0.99, nps: null });
    const headlines = reviewHeadlines(none, none, reviewTargetsOf(policy));
    expect(headlines.find((h) => h.key === 'surveys.nps')!.target).toBeNull();
    expect(() =>
      parseSlaPolicy(
        JSON.stringify({
          version: 'x',
          defaults: {
            firstResponseHours: 24,
            resolutionWorkingDays: 5,
            confirmationWorkingDays: 3,
            surveyDelayHours: 24,
            warningThreshold: 0.75,
          },
          reviewTargets: { resolvedRate: 1.5 },
        }),
      ),
    ).toThrow(/reviewTargets\.resolvedRate/);
  });

  it('counts root causes however they are typed, names them as most cases spell them, top five', () => {
    const causes = [
      ...Array.from({ length: 3 }, () => ({ rootCause: 'Charger missing from the box', category: 'product_quality' as const })),
      { rootCause: '  charger MISSING from   the box', category: 'billing_dispute' as const },
      { rootCause: '快递员未送货上门', category: 'logistics' as const },
      { rootCause: '快递员未送货上门 ', category: 'logistics' as const },
      ...['A', 'B', 'C', 'D'].map((name) => ({ rootCause: `Cause ${name}`, category: 'other' as const })),
      { rootCause: '   ', category: 'other' as const },
    ];
    expect(topRootCauses(causes)).toEqual([
      { rootCause: 'Charger missing from the box', count: 4, category: 'product_quality' },
      { rootCause: '快递员未送货上门', count: 2, category: 'logistics' },
      { rootCause: 'Cause A', count: 1, category: 'other' },
      { rootCause: 'Cause B', count: 1, category: 'other' },
      { rootCause: 'Cause C', count: 1, category: 'other' },
    ]);
  });

  it('lists the most overdue breaches first, ten at most', () => {
    const breach = (caseNumber: string, overdueHours: number): ReviewBreach => ({
      caseNumber,
      category: 'logistics',
      owner: null,
      deadline: 'firstResponse',
      dueAt: '2025-12-01T02:00:00.000Z',
      doneAt: null,
      overdueHours,
      overdueWorkingDays: null,
      escalationLevel: 1,
    });
    const breaches = Array.from({ length: 12 }, (_, i) => breach(`CL-${String(i).padStart(2, '0')}`, i % 4));
    const worst = worstBreaches(breaches);
    expect(worst).toHaveLength(10);
    expect(worst.slice(0, 4).map((b) => [b.caseNumber, b.overdueHours])).toEqual([
      ['CL-03', 3],
      ['CL-07', 3],
      ['CL-11', 3],
      ['CL-02', 2],
    ]);
  });

  it('is one email in both languages, Chinese first, everything agents typed escaped', () => {
    const email = monthlyReviewEmail({
      month: '2026-01',
      previousMonth: '2025-12',
      timeZone: 'Asia/Shanghai',
      deadlines: { firstResponseHours: 48, resolutionWorkingDays: 7 },
      headlines: reviewHeadlines(none, none, defaultReviewTargets),
      breachCount: 0,
      worstBreaches: [],
      casesClosed: 1,
      rootCauses: [{ rootCause: '<img src=x onerror=alert(1)>', count: 1, category: 'other' }],
      reportUrl: 'https://desk.example.com/staff/reports/kpi?from=2026-01-01&to=2026-01-31',
      cliCommand: 'npx closeloop report --from 2026-01-01 --to 2026-01-31',
    });
    expect(email.subject).toBe('【月度复盘】2026年1月投诉月报 / Monthly complaint review: January 2026');
    expect(email.text.indexOf('月度投诉复盘')).toBeLessThan(email.text.indexOf('Monthly complaint review'));
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.html).toContain('<section lang="zh-CN">');
    expect(email.html).toContain('<section lang="en">');
    expect(email.html).toContain('href="https://desk.example.com/staff/reports/kpi?from=2026-01-01&amp;to=2026-01-31"');
  });
});
