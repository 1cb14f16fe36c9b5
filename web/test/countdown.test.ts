import { describe, expect, it } from 'vitest';
import { type DeadlineClock, ServerClock, amountOf, countdownOf, remainingAt } from '../src/shared/countdown.ts';

const hour = 3_600_000;
const asOf = '2026-09-30T08:00:00.000Z';
const at = (iso: string) => Date.parse(iso);

const clock = (patch: Partial<DeadlineClock>): DeadlineClock => ({
  deadline: 'resolution',
  dueAt: '2026-10-12T15:59:59.999Z',
  basis: 'working',
  remainingMs: 5 * hour,
  running: true,
  paused: false,
  provisional: false,
  changesAt: null,
  ...patch,
});

describe('countdown: runs on from what the server stated, never faster than the deadline', () => {
  it('a calendar clock loses what the server clock moved', () => {
    const response = clock({ deadline: 'response', basis: 'calendar', remainingMs: 5 * hour });
    expect(remainingAt(response, asOf, at(asOf))).toBe(5 * hour);
    expect(remainingAt(response, asOf, at('2026-09-30T10:30:00.000Z'))).toBe(2.5 * hour);
    expect(countdownOf(response, asOf, at('2026-09-30T08:00:00.000Z'))).toEqual({
      state: 'due',
      amount: { unit: 'hours', count: 5 },
      provisional: false,
      basis: 'calendar',
    });
    expect(countdownOf(response, asOf, at('2026-09-30T15:00:00.000Z'))).toEqual({
      state: 'overdue',
      amount: { unit: 'hours', count: 2 },
      provisional: false,
      basis: 'calendar',
    });
  });

  it('a working-time clock stops where the working day ends (the eve of National Day) and stays stopped', () => {
    // 30 September 2026 ends at 16:00Z (midnight in Shanghai); 1 to 7 October are holidays.
    const resolution = clock({ remainingMs: 30 * hour, changesAt: '2026-09-30T16:00:00.000Z' });
    expect(remainingAt(resolution, asOf, at('2026-09-30T12:00:00.000Z'))).toBe(26 * hour);
    expect(remainingAt(resolution, asOf, at('2026-10-03T12:00:00.000Z'))).toBe(22 * hour);
    expect(countdownOf(resolution, asOf, at('2026-10-05T00:00:00.000Z'))).toMatchObject({ state: 'due', amount: { unit: 'hours', count: 22 } });
  });

  it('a clock stated as not running (a holiday now) keeps its figure until the server states it again', () => {
    const onHoliday = clock({ remainingMs: 40 * hour, running: false, changesAt: '2026-10-07T16:00:00.000Z' });
    expect(remainingAt(onHoliday, asOf, at('2026-10-02T00:00:00.000Z'))).toBe(40 * hour);
  });

  it('a paused clock (waiting on the customer) says paused and does not move', () => {
    const paused = clock({ paused: true, running: false, remainingMs: 3 * hour });
    expect(countdownOf(paused, asOf, at('2026-10-20T00:00:00.000Z'))).toEqual({ state: 'paused', provisional: false });
    expect(remainingAt(paused, asOf, at('2026-10-20T00:00:00.000Z'))).toBe(3 * hour);
  });

  it('a provisional deadline (a year the calendar lacks) says so', () => {
    const provisional = clock({ provisional: true, remainingMs: 80 * hour, basis: 'working' });
    expect(countdownOf(provisional, asOf, at(asOf))).toEqual({
      state: 'due',
      amount: { unit: 'daysHours', days: 3, hours: 8 },
      provisional: true,
      basis: 'working',
    });
  });

  it('cuts amounts down, so "due in 5 h" always has at least 5 h behind it, and overdue starts at 1 min', () => {
    expect(amountOf(5 * hour + 59 * 60_000, false)).toEqual({ unit: 'hours', count: 5 });
    expect(amountOf(59 * 60_000 + 59_000, false)).toEqual({ unit: 'minutes', count: 59 });
    expect(amountOf(0, true)).toEqual({ unit: 'minutes', count: 1 });
    expect(amountOf(48 * hour, false)).toEqual({ unit: 'daysHours', days: 2, hours: 0 });
  });
});

describe('server clock: learns the pace of a sped-up or standing local clock', () => {
  it('runs at the wall pace until it has two readings, then at the observed pace', () => {
    let local = 0;
    const server = new ServerClock(() => local);
    server.observe('2026-12-01T00:00:00.000Z');
    local = 2_000;
    expect(server.now()).toBe(at('2026-12-01T00:00:02.000Z'));
    // The server moved 120 s in 2 s: a 60x clock.
    server.observe('2026-12-01T00:02:00.000Z');
    local = 3_000;
    expect(server.now()).toBe(at('2026-12-01T00:03:00.000Z'));
  });

  it('stands still with a manual clock that did not move', () => {
    let local = 0;
    const server = new ServerClock(() => local);
    server.observe('2026-12-01T00:00:00.000Z');
    local = 5_000;
    server.observe('2026-12-01T00:00:00.000Z');
    local = 60_000;
    expect(server.now()).toBe(at('2026-12-01T00:00:00.000Z'));
  });
});
