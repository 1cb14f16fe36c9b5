import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import { categories, tiers } from '#domain/complaint.ts';
import { deadlinesAtReceipt } from '#domain/deadlines.ts';
import { defaultSlaPolicy, policyFor, severities, slaTargetsOf } from '#domain/sla-policy.ts';
import { extendForPause, workingTimeBetween } from '#domain/working-time.ts';
import { wallClock } from '../support/wall-clock.ts';

/*
 * 限时办结制 as properties of the default policy on the statutory calendar,
 * for receipts across the years that have a State Council notice.
 */

const receipt = fc.date({
  min: new Date('2025-01-01T00:00:00+08:00'),
  max: new Date('2026-10-31T23:59:59.999+08:00'),
  noInvalidDate: true,
});
const complaint = fc.record({
  severity: fc.constantFrom(...severities),
  tier: fc.constantFrom(...tiers),
  category: fc.constantFrom(...categories),
});
const zone = fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'America/Santiago');
const shanghai = chinaStatutoryCalendar('Asia/Shanghai');

const dueFor = (receivedAt: Date, c: Parameters<typeof policyFor>[1], calendar = shanghai) =>
  deadlinesAtReceipt(receivedAt, calendar, slaTargetsOf(policyFor(defaultSlaPolicy, c)));


describe('Properties: SLA deadlines under the default policy', () => {
  it('the resolution deadline is 23:59:59.999 local on a working day, and never provisional before November 2026', () => {
    fc.assert(
      fc.property(receipt, complaint, zone, (receivedAt, c, timeZone) => {
        const calendar = chinaStatutoryCalendar(timeZone);

        const due = dueFor(receivedAt, c, calendar);

        expect(due.provisional).toBeUndefined();
        expect(wallClock(due.resolutionDueAt, timeZone)).toBe('23:59:59.999');
        expect(calendar.isWorkingDay(calendar.localDateOf(due.resolutionDueAt))).toBe(true);
      }),
    );
  });

  it('a later receipt never gets an earlier deadline', () => {
    fc.assert(
      fc.property(receipt, receipt, complaint, (a, b, c) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];

        const first = dueFor(earlier, c);
        const second = dueFor(later, c);

        expect(second.resolutionDueAt.getTime()).toBeGreaterThanOrEqual(first.resolutionDueAt.getTime());
        expect(second.responseDueAt.getTime()).toBeGreaterThanOrEqual(first.responseDueAt.getTime());
      }),
    );
  });

  it('a VIP (大客户) is never due later than a standard customer with the same complaint', () => {
    fc.assert(
      fc.property(receipt, complaint, (receivedAt, c) => {
        const vip = dueFor(receivedAt, { ...c, tier: 'vip' });
        const standard = dueFor(receivedAt, { ...c, tier: 'standard' });

        expect(vip.responseDueAt.getTime()).toBeLessThanOrEqual(standard.responseDueAt.getTime());
        expect(vip.resolutionDueAt.getTime()).toBeLessThanOrEqual(standard.resolutionDueAt.getTime());
      }),
    );
  });

  it('an L3 (major) complaint is never due later than an L1 or L2 one', () => {
    fc.assert(
      fc.property(receipt, complaint, fc.constantFrom('L1' as const, 'L2' as const), (receivedAt, c, lower) => {
        const major = dueFor(receivedAt, { ...c, severity: 'L3' });
        const routine = dueFor(receivedAt, { ...c, severity: lower });

        expect(major.responseDueAt.getTime()).toBeLessThanOrEqual(routine.responseDueAt.getTime());
        expect(major.resolutionDueAt.getTime()).toBeLessThanOrEqual(routine.resolutionDueAt.getTime());
      }),
    );
  });

  it('a pause moves the resolution deadline by exactly the working time it spans, and never earlier', () => {
    const share = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(receipt, complaint, share, share, (receivedAt, c, start, end) => {
        const { resolutionDueAt } = dueFor(receivedAt, c);
        // The desk can only wait on the customer between receipt and the deadline it is working to.
        const window = resolutionDueAt.getTime() - receivedAt.getTime();
        const [a, b] = start <= end ? [start, end] : [end, start];
        const pausedFrom = new Date(receivedAt.getTime() + Math.floor(a * window));
        const pausedTo = new Date(receivedAt.getTime() + Math.floor(b * window));

        const moved = extendForPause(resolutionDueAt, pausedFrom, pausedTo, shanghai);

        expect(moved.getTime()).toBeGreaterThanOrEqual(resolutionDueAt.getTime());
        expect(workingTimeBetween(resolutionDueAt, moved, shanghai)).toBe(
          workingTimeBetween(pausedFrom, pausedTo, shanghai),
        );
      }),
    );
  });
});
