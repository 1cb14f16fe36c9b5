import { describe, expect, it } from 'vitest';
import { chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import { nextDueAt } from '#domain/complaint.ts';
import { deadlinesAtReceipt } from '#domain/deadlines.ts';
import { caseClocks } from '#domain/sla-clocks.ts';
import { aClosedComplaint, aComplaint, anOwnedComplaint, aPausedComplaint, aResolvedComplaint } from '../support/builders.ts';

const shanghai = chinaStatutoryCalendar('Asia/Shanghai');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const at = (iso: string) => new Date(iso);

describe('Function: caseClocks', () => {
  it('counts the response in calendar hours and the resolution in working time, Mon 2025-11-24 12:00 Shanghai', () => {
    const clocks = caseClocks(aComplaint(), shanghai, at('2025-11-24T12:00:00+08:00'));

    expect(clocks).toEqual({
      asOf: '2025-11-24T04:00:00.000Z',
      next: clocks.response,
      response: {
        deadline: 'response',
        dueAt: '2025-11-26T02:00:00.000Z',
        basis: 'calendar',
        remainingMs: 46 * HOUR,
        running: true,
        paused: false,
        provisional: false,
        changesAt: null,
      },
      resolution: {
        deadline: 'resolution',
        dueAt: '2025-12-03T15:59:59.999Z',
        basis: 'working',
        // Mon 12:00-24:00, then Tue 11-25 .. Wed 12-03 less the weekend: 7 days, less the deadline's last ms.
        remainingMs: 12 * HOUR + 7 * DAY - 1,
        running: true,
        paused: false,
        provisional: false,
        // Sat 11-29 starts at 00:00 Shanghai.
        changesAt: '2025-11-28T16:00:00.000Z',
      },
    });
    expect(clocks.resolution?.remainingMs).toBe(647_999_999);
  });

  it('stands still over National Day 2026 and says when it moves again (Thu 10-08 00:00)', () => {
    // Received Tue 2026-09-29: 09-30, 10-08, 10-09, make-up Sat 10-10, 10-12, 10-13, 10-14 are the 7 working days.
    const received = deadlinesAtReceipt(at('2026-09-29T10:00:00+08:00'), shanghai);
    const complaint = anOwnedComplaint({
      receivedAt: '2026-09-29T02:00:00.000Z',
      firstRespondedAt: '2026-09-29T03:00:00.000Z',
      responseDueAt: received.responseDueAt.toISOString(),
      resolutionDueAt: received.resolutionDueAt.toISOString(),
    });

    const clocks = caseClocks(complaint, shanghai, at('2026-10-02T12:00:00+08:00'));

    expect(received.resolutionDueAt.toISOString()).toBe('2026-10-14T15:59:59.999Z');
    expect(clocks.response).toBeNull();
    expect(clocks.resolution).toEqual({
      deadline: 'resolution',
      dueAt: '2026-10-14T15:59:59.999Z',
      basis: 'working',
      // 10-08, 10-09, 10-10, 10-12, 10-13, 10-14: six whole working days, less the last ms.
      remainingMs: 6 * DAY - 1,
      running: false,
      paused: false,
      provisional: false,
      changesAt: '2026-10-07T16:00:00.000Z',
    });
    expect(clocks.next).toEqual(clocks.resolution);
  });

  it('runs on the make-up working day Sat 2026-10-10 and stops at Sun 10-11 00:00', () => {
    const complaint = anOwnedComplaint({
      receivedAt: '2026-09-29T02:00:00.000Z',
      firstRespondedAt: '2026-09-29T03:00:00.000Z',
      resolutionDueAt: '2026-10-14T15:59:59.999Z',
    });

    const { resolution } = caseClocks(complaint, shanghai, at('2026-10-10T09:00:00+08:00'));

    expect(resolution).toMatchObject({ running: true, changesAt: '2026-10-10T16:00:00.000Z' });
    // Sat 09:00-24:00, then Mon 10-12 .. Wed 10-14.
    expect(resolution?.remainingMs).toBe(15 * HOUR + 3 * DAY - 1);
  });

  it('goes negative once overdue: Thu 2025-12-04 10:00, neither answered nor resolved', () => {
    const clocks = caseClocks(aComplaint(), shanghai, at('2025-12-04T10:00:00+08:00'));

    expect(clocks.response).toMatchObject({ remainingMs: -8 * DAY, running: true });
    expect(clocks.response?.remainingMs).toBe(-691_200_000);
    // The deadline's last ms of Wed 12-03, then Thu 00:00-10:00.
    expect(clocks.resolution).toMatchObject({ remainingMs: -(10 * HOUR + 1), running: true, changesAt: '2025-12-05T16:00:00.000Z' });
    expect(clocks.next?.deadline).toBe('response');
  });

  it('freezes the resolution while waiting on the customer, and the information request runs out first', () => {
    // Paused Tue 2025-11-25 10:00; the customer has until Tue 12-02 10:00 to reply.
    const clocks = caseClocks(aPausedComplaint(), shanghai, at('2025-11-27T10:00:00+08:00'));

    expect(clocks.resolution).toEqual({
      deadline: 'resolution',
      dueAt: '2025-12-03T15:59:59.999Z',
      basis: 'working',
      // What was left at the pause: Tue 10:00-24:00, then Wed 11-26 .. Wed 12-03 less the weekend, less the last ms.
      remainingMs: 14 * HOUR + 6 * DAY - 1,
      running: false,
      paused: true,
      provisional: false,
      changesAt: null,
    });
    expect(clocks.next).toEqual({
      deadline: 'information',
      dueAt: '2025-12-02T02:00:00.000Z',
      basis: 'working',
      // Thu 10:00-24:00, Fri, Mon, Tue 00:00-10:00.
      remainingMs: 72 * HOUR,
      running: true,
      paused: false,
      provisional: false,
      changesAt: '2025-11-28T16:00:00.000Z',
    });
  });

  it('keeps the frozen remainder the same whenever it is read during the pause', () => {
    const early = caseClocks(aPausedComplaint(), shanghai, at('2025-11-25T18:00:00+08:00'));
    const weekend = caseClocks(aPausedComplaint(), shanghai, at('2025-11-30T18:00:00+08:00'));

    expect(weekend.resolution?.remainingMs).toBe(early.resolution?.remainingMs);
  });

  it('marks a deadline in 2027 (no State Council notice in the data) provisional and counts calendar time', () => {
    // Received Thu 2026-12-24: 2027 counted Monday to Friday at filing, so due Mon 2027-01-04, flagged.
    const received = deadlinesAtReceipt(at('2026-12-24T10:00:00+08:00'), shanghai);
    const complaint = anOwnedComplaint({
      receivedAt: '2026-12-24T02:00:00.000Z',
      firstRespondedAt: '2026-12-24T03:00:00.000Z',
      responseDueAt: received.responseDueAt.toISOString(),
      resolutionDueAt: received.resolutionDueAt.toISOString(),
      ...(received.provisional ? { deadlinesProvisional: received.provisional } : {}),
    });

    const clocks = caseClocks(complaint, shanghai, at('2026-12-28T10:00:00+08:00'));

    expect(received.provisional).toEqual({ missingYears: [2027] });
    expect(clocks.resolution).toEqual({
      deadline: 'resolution',
      dueAt: '2027-01-04T15:59:59.999Z',
      basis: 'calendar',
      // 7 days 13:59:59.999 of calendar time.
      remainingMs: 655_199_999,
      running: true,
      paused: false,
      provisional: true,
      changesAt: null,
    });
  });

  it('flags a provisional complaint even while the part of the count that is left is covered', () => {
    const clocks = caseClocks(anOwnedComplaint({ deadlinesProvisional: { missingYears: [2027] } }), shanghai, at('2025-11-24T12:00:00+08:00'));

    expect(clocks.resolution).toMatchObject({ basis: 'working', provisional: true });
  });

  it('counts the customer\'s confirmation window once resolved, with no desk deadline left', () => {
    const clocks = caseClocks(aResolvedComplaint(), shanghai, at('2025-11-26T10:00:00+08:00'));

    expect(clocks.response).toBeNull();
    expect(clocks.resolution).toBeNull();
    expect(clocks.next).toEqual({
      deadline: 'confirmation',
      dueAt: '2025-11-28T15:59:59.999Z',
      basis: 'working',
      // Wed 10:00-24:00, Thu, Fri, less the last ms.
      remainingMs: 14 * HOUR + 2 * DAY - 1,
      running: true,
      paused: false,
      provisional: false,
      changesAt: '2025-11-28T16:00:00.000Z',
    });
  });

  it('has no clock once closed', () => {
    expect(caseClocks(aClosedComplaint(), shanghai, at('2025-11-27T10:00:00+08:00'))).toEqual({
      asOf: '2025-11-27T02:00:00.000Z',
      next: null,
      response: null,
      resolution: null,
    });
  });

  it.each([
    ['unanswered', aComplaint()],
    ['answered', anOwnedComplaint()],
  ])('names the same deadline as the queue order (nextDueAt) when %s', (_, complaint) => {
    expect(caseClocks(complaint, shanghai, at('2025-11-24T12:00:00+08:00')).next?.dueAt).toBe(nextDueAt(complaint));
  });
});
