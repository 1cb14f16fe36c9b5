import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseCategories, channels, tiers } from '#domain/complaint.ts';
import type { CohortRow, DeadlineStatus } from '#domain/reports/cohort.ts';
import { groupedFigures, type KpiFigures, kpiFigures, seriesFigures } from '#domain/reports/kpi.ts';
import { severities } from '#domain/sla-policy.ts';

const status = fc.constantFrom<DeadlineStatus>('met', 'breached', 'pending');
const row: fc.Arbitrary<CohortRow> = fc
  .record({
    id: fc.uuid(),
    day: fc.integer({ min: 1, max: 30 }),
    category: fc.constantFrom(...caseCategories),
    pickedSinceUncertain: fc.boolean(),
    channel: fc.constantFrom(...channels),
    severity: fc.constantFrom(...severities),
    tier: fc.constantFrom(...tiers),
    agent: fc.option(fc.constantFrom('ann', 'bob'), { nil: null }),
    team: fc.option(fc.constantFrom('north', 'south'), { nil: null }),
    closed: fc.boolean(),
    firstResponse: status,
    resolution: status,
    workingHours: fc.integer({ min: 0, max: 24 * 20 }),
    escalationLevels: fc.subarray([1, 2, 3]),
    reopened: fc.boolean(),
    repeat: fc.boolean(),
    survey: fc.option(fc.record({ csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), nps: fc.integer({ min: 0, max: 10 }) }), {
      nil: null,
    }),
    noFeedback: fc.boolean(),
  })
  .map((r) => ({
    id: r.id,
    caseNumber: `CL-${r.id.slice(0, 8)}`,
    receivedOn: `2025-11-${String(r.day).padStart(2, '0')}`,
    category: r.category,
    channel: r.channel,
    severity: r.severity,
    tier: r.tier,
    agent: r.agent,
    team: r.team,
    closed: r.closed,
    firstResponse: r.firstResponse,
    resolution: r.resolution,
    workingMs: r.closed ? r.workingHours * 3_600_000 : null,
    escalationLevels: r.escalationLevels,
    reopened: r.reopened,
    resolvedOnce: r.reopened || r.closed,
    repeat: r.repeat,
    // A case still uncertain was filed so; one of another category may have been picked since.
    uncertainAtFiling: r.category === 'uncertain' || r.pickedSinceUncertain,
    surveySent: r.closed && r.survey !== null,
    csat: r.closed ? (r.survey?.csat ?? null) : null,
    nps: r.closed && r.survey?.csat != null ? r.survey.nps : null,
    noFeedback: r.closed && r.noFeedback,
    breaches: [],
  }));

/** The figures that are counts, flattened: these add up across any split of a cohort. */
const counts = (f: KpiFigures) => ({
  received: f.received,
  open: f.open,
  closed: f.closed,
  byCategory: f.byCategory,
  byChannel: f.byChannel,
  bySeverity: f.bySeverity,
  byTier: f.byTier,
  firstResponse: [f.firstResponse.met, f.firstResponse.breached, f.firstResponse.pending],
  resolution: [f.resolution.met, f.resolution.breached, f.resolution.pending],
  escalated: [f.escalated.any, f.escalated.level1, f.escalated.level2, f.escalated.level3],
  reopened: f.reopened.count,
  repeat: f.repeat.count,
  uncertainAtFiling: f.uncertainAtFiling.count,
  surveys: [f.surveys.sent, f.surveys.answered],
  noFeedback: f.noFeedback,
});

const add = (a: unknown, b: unknown): unknown => {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return a.map((x, i) => add(x, b[i]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  return Object.fromEntries(Object.keys(left).map((key) => [key, add(left[key], right[key])]));
};

const rates = (f: KpiFigures) => [
  f.resolvedRate,
  f.firstResponse.metRate,
  f.resolution.metRate,
  f.escalated.rate,
  f.reopened.rate,
  f.repeat.rate,
  f.uncertainAtFiling.rate,
  f.firstContactResolutionRate,
  f.surveys.responseRate,
  f.surveys.satisfiedRate,
];

describe('KPI figures: properties over any cohort', () => {
  it('met + breached + pending is the whole cohort, for each deadline', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const f = kpiFigures(rows);
        expect(f.firstResponse.met + f.firstResponse.breached + f.firstResponse.pending).toBe(f.received);
        expect(f.resolution.met + f.resolution.breached + f.resolution.pending).toBe(f.received);
        expect(f.open + f.closed).toBe(f.received);
        expect(f.byCategory.uncertain).toBeLessThanOrEqual(f.uncertainAtFiling.count);
      }),
    );
  });

  it('every rate is a fraction in [0, 1], or null when nothing is counted; never 0 for an empty cohort', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const f = kpiFigures(rows);
        for (const rate of rates(f)) {
          if (rate !== null) {
            expect(rate).toBeGreaterThanOrEqual(0);
            expect(rate).toBeLessThanOrEqual(1);
          }
        }
        if (f.surveys.nps !== null) expect(Math.abs(f.surveys.nps)).toBeLessThanOrEqual(100);
        if (f.surveys.csatMean !== null) expect(f.surveys.csatMean).toBeGreaterThanOrEqual(1);
      }),
    );
    expect(rates(kpiFigures([])).every((rate) => rate === null)).toBe(true);
  });

  it('splitting a period in two and adding the counts gives the whole period', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.integer({ min: 1, max: 30 }), (rows, cut) => {
        const cutDate = `2025-11-${String(cut).padStart(2, '0')}`;
        const before = rows.filter((r) => r.receivedOn < cutDate);
        const after = rows.filter((r) => r.receivedOn >= cutDate);
        expect(add(counts(kpiFigures(before)), counts(kpiFigures(after)))).toEqual(counts(kpiFigures(rows)));
        // The same holds for the series and the groups: their counts add up to the period's.
        const weeks = seriesFigures(rows, '2025-11-01', '2025-11-30', 'week');
        expect(weeks.map((w) => counts(w)).reduce((sum, w) => add(sum, w) as ReturnType<typeof counts>)).toEqual(counts(kpiFigures(rows)));
        const teams = groupedFigures(rows, 'team', 'en');
        if (teams.length > 0) {
          expect(teams.map((g) => counts(g)).reduce((sum, g) => add(sum, g) as ReturnType<typeof counts>)).toEqual(
            counts(kpiFigures(rows)),
          );
        }
      }),
    );
  });
});
