import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CalendarYearMissingError, chinaStatutoryCalendar } from '#domain/business-calendar.ts';
import {
  computeDeadlines,
  confirmationDueAt,
  deadlinesAtReceipt,
  defaultSlaTargets,
  endOfNthWorkingDayAfter,
  surveyDueAt,
} from '#domain/deadlines.ts';
import { wallClock } from '../support/wall-clock.ts';

const shanghai = chinaStatutoryCalendar('Asia/Shanghai');


describe('Function: computeDeadlines', () => {
  it.each([
    {
      rule: 'Fri 2025-01-24 09:00: make-up Sun 01-26 counts, Spring Festival 01-28..02-04 does not, make-up Sat 02-08 counts',
      receivedAt: '2025-01-24T09:00:00+08:00',
      responseDueAt: '2025-01-26T09:00:00+08:00',
      resolutionDueAt: '2025-02-10T23:59:59.999+08:00',
    },
    {
      rule: 'Fri 2025-01-24 just before midnight: the same local date, so the same Mon 02-10',
      receivedAt: '2025-01-24T23:59:59+08:00',
      responseDueAt: '2025-01-26T23:59:59+08:00',
      resolutionDueAt: '2025-02-10T23:59:59.999+08:00',
    },
    {
      rule: 'Mon 2025-11-24 10:00: an ordinary week, answered Wed 11-26 10:00, resolved by Wed 12-03',
      receivedAt: '2025-11-24T10:00:00+08:00',
      responseDueAt: '2025-11-26T10:00:00+08:00',
      resolutionDueAt: '2025-12-03T23:59:59.999+08:00',
    },
    {
      // 17:30Z on Fri 02-13 is 01:30 on make-up Sat 02-14 in Shanghai; counting from
      // the UTC date would give Mon 03-02 instead.
      // 02-15..02-23 Spring Festival; 02-24, 25, 26, 27 = 1..4; make-up Sat 02-28 = 5;
      // Sun 03-01 off; Mon 03-02 = 6; Tue 03-03 = 7.
      rule: '01:30 on make-up Sat 2026-02-14 counts from the local date 02-14: due Tue 2026-03-03',
      receivedAt: '2026-02-13T17:30:00Z',
      responseDueAt: '2026-02-16T01:30:00+08:00',
      resolutionDueAt: '2026-03-03T23:59:59.999+08:00',
    },
    {
      // 10-01..10-08 National Day; 10-09, 10-10 = 1, 2; make-up Sat 10-11 = 3;
      // Sun 10-12 off; 10-13, 14, 15, 16 = 4..7.
      rule: 'Tue 2025-09-30 10:00, eve of National Day: due Thu 2025-10-16',
      receivedAt: '2025-09-30T10:00:00+08:00',
      responseDueAt: '2025-10-02T10:00:00+08:00',
      resolutionDueAt: '2025-10-16T23:59:59.999+08:00',
    },
    {
      rule: 'Fri 2025-10-03, inside National Day: counting starts on the next working day, so also Thu 10-16',
      receivedAt: '2025-10-03T15:00:00+08:00',
      responseDueAt: '2025-10-05T15:00:00+08:00',
      resolutionDueAt: '2025-10-16T23:59:59.999+08:00',
    },
  ])('$rule', ({ receivedAt, responseDueAt, resolutionDueAt }) => {
    const due = computeDeadlines(new Date(receivedAt), shanghai);

    expect(due.responseDueAt.toISOString()).toBe(new Date(responseDueAt).toISOString());
    expect(due.resolutionDueAt.toISOString()).toBe(new Date(resolutionDueAt).toISOString());
  });

  it('answers the National Day example in UTC as 2025-10-02T02:00Z and 2025-10-16T15:59:59.999Z', () => {
    const due = computeDeadlines(new Date('2025-09-30T10:00:00+08:00'), shanghai);

    expect(due).toEqual({
      responseDueAt: new Date('2025-10-02T02:00:00.000Z'),
      resolutionDueAt: new Date('2025-10-16T15:59:59.999Z'),
    });
  });

  it('ends the day in the desk zone: received Mon 2025-11-24 in Berlin, due Wed 12-03 23:59:59.999 CET', () => {
    const berlin = chinaStatutoryCalendar('Europe/Berlin');

    const due = computeDeadlines(new Date('2025-11-24T10:00:00+01:00'), berlin);

    expect(due.resolutionDueAt.toISOString()).toBe('2025-12-03T22:59:59.999Z');
  });

  it('follows a policy: 24 h and 3 working days for a VIP received Fri 2025-01-24 10:00', () => {
    const vip = { ...defaultSlaTargets, firstResponseHours: 24, resolutionWorkingDays: 3 };

    const due = computeDeadlines(new Date('2025-01-24T10:00:00+08:00'), shanghai, vip);

    expect(due.responseDueAt.toISOString()).toBe('2025-01-25T02:00:00.000Z');
    // Sun 01-26 (make-up), Mon 01-27, then Wed 02-05 after Spring Festival
    expect(due.resolutionDueAt.toISOString()).toBe('2025-02-05T15:59:59.999Z');
  });

  it('throws CalendarYearMissingError when 7 working days after Mon 2026-12-28 run into 2027', () => {
    expect(() => computeDeadlines(new Date('2026-12-28T10:00:00+08:00'), shanghai)).toThrow(
      expect.objectContaining({ name: 'CalendarYearMissingError', year: 2027 }),
    );
  });

  it('takes the year from the local date: 2026-12-31T17:00Z is already 2027-01-01 in Shanghai', () => {
    expect(() => computeDeadlines(new Date('2026-12-31T17:00:00Z'), shanghai)).toThrow(CalendarYearMissingError);
  });

  it('rejects an invalid receipt instant', () => {
    expect(() => computeDeadlines(new Date('not a date'), shanghai)).toThrow(RangeError);
  });
});

describe('Function: endOfNthWorkingDayAfter', () => {
  it('ends the 1st working day after Tue 2025-09-30 at Thu 10-09 23:59:59.999 Shanghai', () => {
    const due = endOfNthWorkingDayAfter(new Date('2025-09-30T10:00:00+08:00'), 1, shanghai);

    expect(due.toISOString()).toBe('2025-10-09T15:59:59.999Z');
  });
});

describe('Function: confirmationDueAt', () => {
  it('gives the customer 3 working days: resolved Fri 2025-09-26, due Tue 09-30 (make-up Sun 09-28 counts)', () => {
    const due = confirmationDueAt(new Date('2025-09-26T16:00:00+08:00'), shanghai);

    expect(due.toISOString()).toBe('2025-09-30T15:59:59.999Z');
  });
});

describe('Function: surveyDueAt', () => {
  it('sends the survey 24 calendar hours after closure, holiday or not', () => {
    expect(surveyDueAt(new Date('2025-10-01T09:30:00+08:00')).toISOString()).toBe('2025-10-02T01:30:00.000Z');
  });
});

describe('Properties: computeDeadlines', () => {
  // The data covers 2004..2026; 7 working days after mid-December 2026 stay in 2026.
  const receipt = fc.date({
    min: new Date('2025-01-01T00:00:00+08:00'),
    max: new Date('2026-12-15T23:59:59.999+08:00'),
    noInvalidDate: true,
  });
  const zone = fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/Berlin', 'America/Santiago');

  it('due resolution is always 23:59:59.999 local on a working day', () => {
    fc.assert(
      fc.property(receipt, zone, (receivedAt, timeZone) => {
        const calendar = chinaStatutoryCalendar(timeZone);

        const { resolutionDueAt } = computeDeadlines(receivedAt, calendar);

        expect(wallClock(resolutionDueAt, timeZone)).toBe('23:59:59.999');
        expect(calendar.isWorkingDay(calendar.localDateOf(resolutionDueAt))).toBe(true);
        expect(calendar.localDateOf(new Date(resolutionDueAt.getTime() + 1))).not.toBe(
          calendar.localDateOf(resolutionDueAt),
        );
      }),
    );
  });

  it('exactly 7 working days lie in (local receipt date, due date]', () => {
    fc.assert(
      fc.property(receipt, (receivedAt) => {
        const { resolutionDueAt } = computeDeadlines(receivedAt, shanghai);
        const from = shanghai.localDateOf(receivedAt);
        const to = shanghai.localDateOf(resolutionDueAt);

        expect(shanghai.workingDaysBetween(from, to)).toBe(7);
        expect(shanghai.isWorkingDay(to)).toBe(true);
      }),
    );
  });

  it('a later receipt never gets an earlier resolution deadline', () => {
    fc.assert(
      fc.property(receipt, receipt, (a, b) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];

        const first = computeDeadlines(earlier, shanghai).resolutionDueAt;
        const second = computeDeadlines(later, shanghai).resolutionDueAt;

        expect(second.getTime()).toBeGreaterThanOrEqual(first.getTime());
      }),
    );
  });

  it('response is due exactly 48 h after receipt, and before resolution', () => {
    fc.assert(
      fc.property(receipt, (receivedAt) => {
        const due = computeDeadlines(receivedAt, shanghai);

        expect(due.responseDueAt.getTime() - receivedAt.getTime()).toBe(48 * 3_600_000);
        expect(due.resolutionDueAt.getTime()).toBeGreaterThan(due.responseDueAt.getTime());
      }),
    );
  });
});

describe('Function: deadlinesAtReceipt', () => {
  it('is not provisional when the calendar covers the count: Mon 2025-11-24 → Wed 12-03', () => {
    const due = deadlinesAtReceipt(new Date('2025-11-24T10:00:00+08:00'), shanghai);

    expect(due).toEqual({
      responseDueAt: new Date('2025-11-26T02:00:00.000Z'),
      resolutionDueAt: new Date('2025-12-03T15:59:59.999Z'),
    });
  });

  it('counts a missing 2027 Monday-Friday and flags it: Mon 2026-12-28 → Thu 2027-01-06, provisional', () => {
    // 12-29, 30, 31 = 1..3; Fri 2027-01-01 (no notice yet, so not known as 元旦) = 4;
    // weekend; Mon 01-04, Tue 01-05, Wed 01-06 = 5..7.
    const due = deadlinesAtReceipt(new Date('2026-12-28T10:00:00+08:00'), shanghai);

    expect(due.resolutionDueAt.toISOString()).toBe('2027-01-06T15:59:59.999Z');
    expect(due.provisional).toEqual({ missingYears: [2027] });
  });
});
