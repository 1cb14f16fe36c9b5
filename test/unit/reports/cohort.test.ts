import { describe, expect, it } from 'vitest';
import { chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import { cohortRow, isSettled, reportFactsOf } from '#domain/reports/cohort.ts';
import { kpiFigures } from '#domain/reports/kpi.ts';
import { intervalsOf, localDateIn } from '#domain/reports/local-dates.ts';
import { aComplaint } from '../../support/builders.ts';

const calendar = chinaStatutoryCalendar();
const at = (iso: string) => new Date(iso);

describe('Report facts and cohort rows (DOMAIN.md, KPIs)', () => {
  it('counts the local date of receipt in the desk time zone, not UTC', () => {
    // 23:30 UTC on 30 November is 07:30 on 1 December in Shanghai.
    const facts = reportFactsOf(aComplaint({ receivedAt: '2025-11-30T23:30:00.000Z', timeZone: 'Asia/Shanghai' }));
    expect(facts.receivedOn).toBe('2025-12-01');
    expect(localDateIn('2025-11-30T23:30:00.000Z', 'America/New_York')).toBe('2025-11-30');
  });

  it('does not count the risk alert or the supervision at filing as escalations', () => {
    const facts = reportFactsOf(
      aComplaint({
        escalationLevel: 2,
        escalations: [
          { level: 1, reason: 'high_risk', window: 'risk', at: '2025-11-24T02:00:00.000Z' },
          { level: 1, reason: 'major_complaint', window: 'filing', at: '2025-11-24T02:00:00.000Z' },
          { level: 2, reason: 'resolution_rejected', window: 'rejected#1', at: '2025-11-25T02:00:00.000Z' },
          { level: 2, reason: 'resolution_overdue', window: 'resolution', at: '2025-12-03T16:00:00.000Z' },
        ],
      }),
    );
    expect(facts.escalationLevels).toEqual([2]);
  });

  it('a first response still missing is pending until due, then breached; a paused resolution is not breached', () => {
    const facts = reportFactsOf(
      aComplaint({
        pause: { requestId: 'r-1', question: 'Which size?', since: '2025-11-25T02:00:00.000Z', expiresAt: '2025-12-30T02:00:00.000Z' },
      }),
    );
    expect(cohortRow(facts, at('2025-11-26T01:59:59.000Z'), calendar).firstResponse).toBe('pending');
    const late = cohortRow(facts, at('2025-12-05T02:00:00.000Z'), calendar);
    expect(late.firstResponse).toBe('breached');
    expect(late.resolution).toBe('pending');
    expect(late.breaches).toEqual([
      { deadline: 'firstResponse', dueAt: '2025-11-26T02:00:00.000Z', doneAt: null, overdueMs: 9 * 86_400_000, overdueWorkingMs: null },
    ]);
  });

  it('judges the resolution by the first one recorded against the deadline in force then, even after a reopen', () => {
    const complaint = aComplaint({
      phase: 'CLOSED',
      firstRespondedAt: '2025-11-24T03:00:00.000Z',
      firstResolution: { at: '2025-11-25T02:00:00.000Z', dueAt: '2025-12-03T15:59:59.999Z' },
      resolvedAt: '2025-12-08T02:00:00.000Z',
      reopenCount: 1,
      closedAt: '2025-12-08T03:00:00.000Z',
      pausedWorkingMs: 3_600_000,
      notices: [
        {
          id: 'resolution-1',
          kind: 'resolution',
          createdAt: '2025-12-08T02:00:00.000Z',
          claimedAt: '2025-12-08T02:00:00.000Z',
          attempts: 1,
          sentAt: '2025-12-08T02:00:01.000Z',
        },
      ],
    });
    const row = cohortRow(reportFactsOf(complaint), at('2026-01-01T00:00:00.000Z'), calendar);
    expect(row).toMatchObject({ closed: true, resolution: 'met', reopened: true, resolvedOnce: true, noFeedback: false });
    // Mon 24 Nov 10:00 to Mon 8 Dec 10:00: ten working days, less the hour paused.
    expect(row.workingMs).toBe(10 * 86_400_000 - 3_600_000);
  });

  it('a closed complaint whose resolution email was given up on counts as no feedback', () => {
    const complaint = aComplaint({
      phase: 'CLOSED',
      resolvedAt: '2025-11-25T02:00:00.000Z',
      closedAt: '2025-11-28T16:00:00.000Z',
      closeOutcome: 'auto_confirmed',
      notices: [
        {
          id: 'resolution-0',
          kind: 'resolution',
          createdAt: '2025-11-25T02:00:00.000Z',
          claimedAt: '2025-11-25T02:00:00.000Z',
          attempts: 6,
          sentAt: '2025-11-25T05:00:00.000Z',
          failed: 'MessageRejected',
        },
      ],
    });
    expect(cohortRow(reportFactsOf(complaint), at('2025-12-01T00:00:00.000Z'), calendar).noFeedback).toBe(true);
  });

  it('remembers that triage filed a case uncertain after an agent picked its category, and counts it so', () => {
    const triage = {
      category: { value: 'uncertain' as const, source: 'classified' as const, evidence: [] },
      severity: { value: 'L1' as const, reasons: [] },
      sentiment: { score: 0, label: 'neutral' as const, evidence: [] },
      risk: { high: false, reasons: [] },
    };
    const picked = reportFactsOf(aComplaint({ category: 'logistics', categorySource: 'agent', triage }));
    const stillUncertain = reportFactsOf(aComplaint({ category: 'uncertain', categorySource: 'classified', triage }));
    const classified = reportFactsOf(aComplaint({ triage: { ...triage, category: { ...triage.category, value: 'logistics' } } }));

    expect(picked).toMatchObject({ category: 'logistics', uncertainAtFiling: true });
    expect(stillUncertain).toMatchObject({ category: 'uncertain', uncertainAtFiling: true });
    expect(classified).not.toHaveProperty('uncertainAtFiling');
    const rows = [picked, stillUncertain, classified].map((facts) => cohortRow(facts, at('2025-11-25T00:00:00.000Z'), calendar));
    expect(kpiFigures(rows)).toMatchObject({
      received: 3,
      byCategory: { logistics: 2, uncertain: 1 },
      uncertainAtFiling: { count: 2, rate: 0.6667 },
    });
    // A month settled before the figure existed stored rows without it: none of them was filed uncertain.
    const { uncertainAtFiling: _absent, ...settledRow } = rows[2]!;
    expect(kpiFigures([settledRow]).uncertainAtFiling).toEqual({ count: 0, rate: 0 });
  });

  it('a month is settled 60 days after its end, or once every complaint is closed and no survey can still be answered', () => {
    const closed = reportFactsOf(
      aComplaint({
        phase: 'CLOSED',
        closedAt: '2025-11-26T02:00:00.000Z',
        surveySentAt: '2025-11-27T02:00:00.000Z',
        notices: [
          {
            id: 'resolution-0',
            kind: 'resolution',
            createdAt: '2025-11-25T02:00:00.000Z',
            claimedAt: '2025-11-25T02:00:00.000Z',
            attempts: 1,
            sentAt: '2025-11-25T02:00:01.000Z',
          },
        ],
      }),
    );
    const open = reportFactsOf(aComplaint());
    const monthEnd = at('2025-11-30T16:00:00.000Z');
    expect(isSettled([closed], at('2025-11-30T15:00:00.000Z'), at('2025-11-30T12:00:00.000Z'))).toBe(false);
    expect(isSettled([closed], monthEnd, at('2025-12-20T00:00:00.000Z'))).toBe(false);
    expect(isSettled([closed], monthEnd, at('2025-12-28T00:00:00.000Z'))).toBe(true);
    expect(isSettled([{ ...closed, csat: 5, nps: 9 }], monthEnd, at('2025-12-01T00:00:00.000Z'))).toBe(true);
    expect(isSettled([closed, open], monthEnd, at('2026-01-28T00:00:00.000Z'))).toBe(false);
    expect(isSettled([closed, open], monthEnd, at('2026-01-29T16:00:00.000Z'))).toBe(true);
  });

  it('cuts a period into Monday-to-Sunday weeks and calendar months, at its ends', () => {
    expect(intervalsOf('2026-02-25', '2026-03-10', 'week')).toEqual([
      { from: '2026-02-25', to: '2026-03-01' },
      { from: '2026-03-02', to: '2026-03-08' },
      { from: '2026-03-09', to: '2026-03-10' },
    ]);
    expect(intervalsOf('2024-01-31', '2024-03-01', 'month')).toEqual([
      { from: '2024-01-31', to: '2024-01-31' },
      { from: '2024-02-01', to: '2024-02-29' },
      { from: '2024-03-01', to: '2024-03-01' },
    ]);
  });
});
