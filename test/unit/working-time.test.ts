import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CalendarYearMissingError, chinaStatutoryCalendar, type CalendarEntry } from '#domain/business-calendar.ts';
import { computeDeadlines } from '#domain/deadlines.ts';
import { addWorkingDays, addWorkingTime, extendForPause, workingTimeBetween } from '#domain/working-time.ts';

const shanghai = chinaStatutoryCalendar('Asia/Shanghai');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const at = (iso: string) => new Date(iso);

/** A weekend day made a working day, so a DST change (always on a Sunday in these zones) falls in working time. */
const workingSunday = (date: string): CalendarEntry => ({ date, kind: 'working', name: 'Test working Sunday' });

describe('Function: workingTimeBetween', () => {
  it('counts a pause Mon 2025-11-24 10:00 → 16:00 Shanghai as 6 h', () => {
    expect(workingTimeBetween(at('2025-11-24T10:00:00+08:00'), at('2025-11-24T16:00:00+08:00'), shanghai)).toBe(
      6 * HOUR,
    );
  });

  it('counts only working time across Spring Festival 2026, make-up Sat 02-14 included: 72 h', () => {
    // Fri 02-13 10:00-24:00 = 14 h; make-up Sat 02-14 = 24 h; 02-15..02-23 Spring Festival = 0;
    // Tue 02-24 = 24 h; Wed 02-25 00:00-10:00 = 10 h. 14 + 24 + 24 + 10 = 72 h.
    const pause = workingTimeBetween(at('2026-02-13T10:00:00+08:00'), at('2026-02-25T10:00:00+08:00'), shanghai);

    expect(pause).toBe(72 * HOUR);
    expect(pause).toBe(259_200_000);
  });

  it('counts nothing inside a holiday: 2025-10-02 09:00 → 10-06 18:00 is all National Day', () => {
    expect(workingTimeBetween(at('2025-10-02T09:00:00+08:00'), at('2025-10-06T18:00:00+08:00'), shanghai)).toBe(0);
  });

  it('counts nothing over an ordinary weekend: Fri 2025-11-28 24:00 → Mon 12-01 00:00', () => {
    expect(workingTimeBetween(at('2025-11-28T16:00:00Z'), at('2025-11-30T16:00:00Z'), shanghai)).toBe(0);
  });

  it('is 0 when the span is empty or reversed', () => {
    const monday = at('2025-11-24T10:00:00+08:00');

    expect(workingTimeBetween(monday, monday, shanghai)).toBe(0);
    expect(workingTimeBetween(monday, at('2025-11-24T09:00:00+08:00'), shanghai)).toBe(0);
  });

  it('counts the real 23 h of a working day on which Berlin springs forward (Sun 2025-03-30 made working)', () => {
    const berlin = chinaStatutoryCalendar('Europe/Berlin').withEntries([workingSunday('2025-03-30')]);

    expect(workingTimeBetween(at('2025-03-30T00:00:00+01:00'), at('2025-03-31T00:00:00+02:00'), berlin)).toBe(
      23 * HOUR,
    );
  });

  it('counts the real 25 h of a working day on which Berlin falls back (Sun 2025-10-26 made working)', () => {
    const berlin = chinaStatutoryCalendar('Europe/Berlin').withEntries([workingSunday('2025-10-26')]);

    expect(workingTimeBetween(at('2025-10-26T00:00:00+02:00'), at('2025-10-27T00:00:00+01:00'), berlin)).toBe(
      25 * HOUR,
    );
  });

  it('starts a Santiago day whose midnight the DST gap swallows at 01:00 (Sun 2025-09-07 made working: 23 h)', () => {
    const santiago = chinaStatutoryCalendar('America/Santiago').withEntries([workingSunday('2025-09-07')]);

    expect(workingTimeBetween(at('2025-09-06T12:00:00-04:00'), at('2025-09-08T00:00:00-03:00'), santiago)).toBe(
      23 * HOUR,
    );
  });

  it.each([
    { change: 'springs forward on Sun 2025-03-30', from: '2025-03-24T00:00:00+01:00', to: '2025-03-31T12:00:00+02:00' },
    { change: 'falls back on Sun 2025-10-26', from: '2025-10-20T00:00:00+02:00', to: '2025-10-27T12:00:00+01:00' },
  ])(
    'starts Monday at local midnight in the week Berlin $change: Mon 00:00 → next Mon 12:00 is 132 h',
    ({ from, to }) => {
      const berlin = chinaStatutoryCalendar('Europe/Berlin');

      expect(workingTimeBetween(at(from), at(to), berlin)).toBe(5 * DAY + 12 * HOUR);
    },
  );

  it('throws CalendarYearMissingError for a span that touches 2027, which has no notice', () => {
    expect(() =>
      workingTimeBetween(at('2026-12-30T10:00:00+08:00'), at('2027-01-02T10:00:00+08:00'), shanghai),
    ).toThrow(expect.objectContaining({ name: 'CalendarYearMissingError', year: 2027 }));
  });

  it('does not touch 2027 for a span ending exactly at its first instant', () => {
    expect(workingTimeBetween(at('2026-12-31T00:00:00+08:00'), at('2027-01-01T00:00:00+08:00'), shanghai)).toBe(DAY);
  });

  it('counts two years in well under a second (it steps by day)', () => {
    const started = performance.now();

    const total = workingTimeBetween(at('2025-01-01T00:00:00+08:00'), at('2026-12-31T00:00:00+08:00'), shanghai);

    expect(total % DAY).toBe(0);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('Function: addWorkingTime', () => {
  it('returns `from` itself for 0 ms, even on a holiday', () => {
    const holiday = at('2025-10-03T12:00:00+08:00');

    expect(addWorkingTime(holiday, 0, shanghai)).toEqual(holiday);
  });

  it('skips the rest of a holiday: 1 h from 2025-10-03 12:00 is Thu 10-09 01:00', () => {
    expect(addWorkingTime(at('2025-10-03T12:00:00+08:00'), HOUR, shanghai)).toEqual(at('2025-10-09T01:00:00+08:00'));
  });

  it('ends on the midnight that closes the last working day, not after the holiday that follows', () => {
    // Fri 2026-02-13 10:00 + 38 h: 14 h on Friday, 24 h on make-up Saturday 02-14, then Spring Festival.
    expect(addWorkingTime(at('2026-02-13T10:00:00+08:00'), 38 * HOUR, shanghai)).toEqual(
      at('2026-02-15T00:00:00+08:00'),
    );
  });

  it('rounds a fractional amount up to a whole millisecond', () => {
    expect(addWorkingTime(at('2025-11-24T10:00:00.000+08:00'), 0.25, shanghai)).toEqual(
      at('2025-11-24T10:00:00.001+08:00'),
    );
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s ms', (ms) => {
    expect(() => addWorkingTime(at('2025-11-24T10:00:00+08:00'), ms, shanghai)).toThrow(RangeError);
  });

  it('throws CalendarYearMissingError when the time runs into 2027', () => {
    expect(() => addWorkingTime(at('2026-12-31T10:00:00+08:00'), DAY, shanghai)).toThrow(CalendarYearMissingError);
  });
});

describe('Function: extendForPause', () => {
  it('moves a Wed 23:59:59.999 deadline by a 6 h pause to Thu 05:59:59.999 (1 ms was left on Wednesday)', () => {
    // Received Mon 2025-11-24 10:00: resolution due Wed 12-03 23:59:59.999.
    const { resolutionDueAt } = computeDeadlines(at('2025-11-24T10:00:00+08:00'), shanghai);

    const moved = extendForPause(
      resolutionDueAt,
      at('2025-11-24T10:00:00+08:00'),
      at('2025-11-24T16:00:00+08:00'),
      shanghai,
    );

    expect(resolutionDueAt).toEqual(at('2025-12-03T23:59:59.999+08:00'));
    expect(moved).toEqual(at('2025-12-04T05:59:59.999+08:00'));
    expect(moved.toISOString()).toBe('2025-12-03T21:59:59.999Z');
  });

  it('moves a deadline by the 72 working hours of a pause across Spring Festival 2026: Sat 02-28 → Wed 03-04', () => {
    // Received Thu 2026-02-12: 02-13, make-up 02-14, (holiday), 02-24..02-27, make-up Sat 02-28 = 7th.
    // 72 h from Sat 02-28 23:59:59.999: 1 ms of Saturday, Sunday off, Mon 03-02 and Tue 03-03 whole,
    // and 24 h - 1 ms of Wed 03-04.
    const { resolutionDueAt } = computeDeadlines(at('2026-02-12T15:00:00+08:00'), shanghai);

    const moved = extendForPause(
      resolutionDueAt,
      at('2026-02-13T10:00:00+08:00'),
      at('2026-02-25T10:00:00+08:00'),
      shanghai,
    );

    expect(resolutionDueAt).toEqual(at('2026-02-28T23:59:59.999+08:00'));
    expect(moved).toEqual(at('2026-03-04T23:59:59.999+08:00'));
  });

  it('moves nothing for a pause entirely inside National Day 2025', () => {
    const due = at('2025-10-16T23:59:59.999+08:00');

    expect(extendForPause(due, at('2025-10-02T09:00:00+08:00'), at('2025-10-06T18:00:00+08:00'), shanghai)).toEqual(
      due,
    );
  });

  it('skips a weekend after a Friday deadline: 6 h from Fri 2025-11-28 23:59:59.999 is Mon 12-01 05:59:59.999', () => {
    const moved = extendForPause(
      at('2025-11-28T23:59:59.999+08:00'),
      at('2025-11-24T10:00:00+08:00'),
      at('2025-11-24T16:00:00+08:00'),
      shanghai,
    );

    expect(moved).toEqual(at('2025-12-01T05:59:59.999+08:00'));
  });

  it('rejects a pause that ends before it starts', () => {
    expect(() =>
      extendForPause(
        at('2025-12-03T23:59:59.999+08:00'),
        at('2025-11-24T16:00:00+08:00'),
        at('2025-11-24T10:00:00+08:00'),
        shanghai,
      ),
    ).toThrow(RangeError);
  });
});

describe('Function: addWorkingDays', () => {
  it('keeps the local time of day: Mon 2025-11-24 10:00 + 2 working days is Wed 11-26 10:00', () => {
    expect(addWorkingDays(at('2025-11-24T10:00:00+08:00'), 2, shanghai)).toEqual(at('2025-11-26T10:00:00+08:00'));
  });

  it('counts make-up days and skips holidays: Fri 2025-01-24 15:00 + 2 is Mon 01-27 15:00 (make-up Sun 01-26 counts)', () => {
    expect(addWorkingDays(at('2025-01-24T15:00:00+08:00'), 2, shanghai)).toEqual(at('2025-01-27T15:00:00+08:00'));
  });

  it('lands after a holiday: Mon 2025-01-27 09:00 + 2 is Thu 02-06 09:00 (Spring Festival 01-28..02-04)', () => {
    expect(addWorkingDays(at('2025-01-27T09:00:00+08:00'), 2, shanghai)).toEqual(at('2025-02-06T09:00:00+08:00'));
  });

  it('starts counting at the next working day from a weekend: Sat 2025-11-29 10:00 + 2 is Wed 12-03 00:00', () => {
    // Mon 12-01 and Tue 12-02 are the two working days; no working time passed on the weekend.
    expect(addWorkingDays(at('2025-11-29T10:00:00+08:00'), 2, shanghai)).toEqual(at('2025-12-03T00:00:00+08:00'));
  });

  it('keeps the wall-clock time across a DST change: Berlin Sat 2025-03-29 10:00 CET + 1 is Mon 03-31 10:00 CEST', () => {
    const berlin = chinaStatutoryCalendar('Europe/Berlin').withEntries([
      { date: '2025-03-29', kind: 'working', name: 'Test working Saturday' },
    ]);

    expect(addWorkingDays(at('2025-03-29T10:00:00+01:00'), 1, berlin)).toEqual(at('2025-03-31T10:00:00+02:00'));
  });

  it('returns `from` for 0 days and rejects a negative or fractional count', () => {
    const from = at('2025-11-24T10:00:00+08:00');

    expect(addWorkingDays(from, 0, shanghai)).toEqual(from);
    expect(() => addWorkingDays(from, -1, shanghai)).toThrow(RangeError);
    expect(() => addWorkingDays(from, 1.5, shanghai)).toThrow(RangeError);
  });
});

describe('Properties: working time', () => {
  const MIN = at('2025-01-01T00:00:00+08:00').getTime();
  const MAX = at('2026-10-31T23:59:59.999+08:00').getTime();
  const instant = fc.integer({ min: MIN, max: MAX }).map((ms) => new Date(ms));
  // Capped so that an extension from late October 2026 stays inside 2026, the last year with a notice.
  const pause = fc
    .tuple(instant, fc.integer({ min: 0, max: 30 * DAY }))
    .map(([from, length]) => [from, new Date(Math.min(from.getTime() + length, MAX))] as const);
  const zone = fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'America/Santiago');

  it('a deadline extended for a pause lies exactly the pause’s working time after the old one', () => {
    fc.assert(
      fc.property(instant, pause, zone, (dueAt, [from, to], timeZone) => {
        const calendar = chinaStatutoryCalendar(timeZone);

        const moved = extendForPause(dueAt, from, to, calendar);

        expect(workingTimeBetween(dueAt, moved, calendar)).toBe(workingTimeBetween(from, to, calendar));
      }),
    );
  });

  it('agrees with counting hour by hour whether the local date is a working day', () => {
    // Whole UTC hours are whole local hours in these zones, so an hourly count is exact.
    const hour = fc.integer({ min: Math.ceil(MIN / HOUR), max: Math.floor(MAX / HOUR) });
    fc.assert(
      fc.property(hour, fc.integer({ min: 0, max: 30 * 24 }), zone, (first, hours, timeZone) => {
        const calendar = chinaStatutoryCalendar(timeZone);
        let expected = 0;
        for (let h = first; h < first + hours; h += 1) {
          if (calendar.isWorkingDay(calendar.localDateOf(new Date(h * HOUR)))) expected += HOUR;
        }

        expect(workingTimeBetween(new Date(first * HOUR), new Date((first + hours) * HOUR), calendar)).toBe(expected);
      }),
    );
  });

  it('addWorkingTime is monotone in the amount and in the start, and finds the earliest such instant', () => {
    const amount = fc.integer({ min: 0, max: 30 * DAY });
    fc.assert(
      fc.property(instant, instant, amount, amount, (a, b, x, y) => {
        const [from1, from2] = a <= b ? [a, b] : [b, a];
        const [ms1, ms2] = x <= y ? [x, y] : [y, x];

        const t = addWorkingTime(from1, ms1, shanghai);

        expect(t.getTime()).toBeLessThanOrEqual(addWorkingTime(from1, ms2, shanghai).getTime());
        expect(t.getTime()).toBeLessThanOrEqual(addWorkingTime(from2, ms1, shanghai).getTime());
        expect(workingTimeBetween(from1, t, shanghai)).toBe(ms1);
        if (ms1 > 0) expect(workingTimeBetween(from1, new Date(t.getTime() - 1), shanghai)).toBe(ms1 - 1);
      }),
    );
  });

  it('workingTimeBetween is additive over a split point and never exceeds the elapsed time', () => {
    fc.assert(
      fc.property(pause, fc.double({ min: 0, max: 1, noNaN: true }), zone, ([from, to], share, timeZone) => {
        const calendar = chinaStatutoryCalendar(timeZone);
        const split = new Date(from.getTime() + Math.floor(share * (to.getTime() - from.getTime())));

        const whole = workingTimeBetween(from, to, calendar);

        expect(whole).toBe(workingTimeBetween(from, split, calendar) + workingTimeBetween(split, to, calendar));
        expect(whole).toBeGreaterThanOrEqual(0);
        expect(whole).toBeLessThanOrEqual(to.getTime() - from.getTime());
      }),
    );
  });

  it('addWorkingDays puts exactly that many whole working days in between, and lands on a working day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 10 }), (from, days) => {
        const later = addWorkingDays(from, days, shanghai);

        expect(workingTimeBetween(from, later, shanghai)).toBe(days * DAY);
        expect(shanghai.isWorkingDay(shanghai.localDateOf(later))).toBe(true);
        if (shanghai.isWorkingDay(shanghai.localDateOf(from))) {
          expect((later.getTime() - from.getTime()) % DAY).toBe(0);
        }
      }),
    );
  });
});
