import { describe, expect, it } from 'vitest';
import { csvFileName, isLocalDate, isValidPeriod, presetOf, presetPeriod, todayIn } from '../src/desk/reports/period.ts';

describe('report periods', () => {
  it('gives this month, last month and the year to date from a today date', () => {
    expect(presetPeriod('thisMonth', '2026-11-18')).toEqual({ from: '2026-11-01', to: '2026-11-18' });
    expect(presetPeriod('lastMonth', '2026-11-18')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presetPeriod('yearToDate', '2026-11-18')).toEqual({ from: '2026-01-01', to: '2026-11-18' });
  });

  it('crosses the year and knows February', () => {
    expect(presetPeriod('lastMonth', '2027-01-05')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('lastMonth', '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('thisMonth', '2027-01-01')).toEqual({ from: '2027-01-01', to: '2027-01-01' });
  });

  it('recognises a preset, and no preset for another period', () => {
    expect(presetOf({ from: '2026-10-01', to: '2026-10-31' }, '2026-11-18')).toBe('lastMonth');
    expect(presetOf({ from: '2026-10-02', to: '2026-10-31' }, '2026-11-18')).toBeUndefined();
  });

  it("takes today's date in the desk's time zone, not UTC", () => {
    // 16:30 UTC on 31 December is already 1 January in Shanghai.
    expect(todayIn('Asia/Shanghai', new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(todayIn('UTC', new Date('2026-12-31T16:30:00Z'))).toBe('2026-12-31');
  });

  it('checks dates and order', () => {
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('')).toBe(false);
    expect(isValidPeriod({ from: '2026-11-02', to: '2026-11-01' })).toBe(false);
    expect(isValidPeriod({ from: '2026-11-01', to: '2026-11-01' })).toBe(true);
  });

  it('names the CSV after the period', () => {
    expect(csvFileName({ from: '2026-11-01', to: '2026-11-30' })).toBe('closeloop-kpi-2026-11-01-2026-11-30.csv');
  });
});
