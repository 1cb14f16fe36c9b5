import { describe, expect, it } from 'vitest';
import { type CalendarStatus, dayName, missingYearOf, safeFileName, scheduleKind } from '../src/desk/calendar-model.ts';

const status = (over: Partial<CalendarStatus>): CalendarStatus => ({
  timeZone: 'Asia/Shanghai',
  coveredYears: [2025, 2026],
  nextYearMissing: true,
  provisionalFrom: '2027-01-01',
  years: [],
  ...over,
});

describe('calendar status', () => {
  it('names the missing year and the last covered date', () => {
    expect(missingYearOf(status({}))).toEqual({ year: 2027, lastDate: '2026-12-31' });
    expect(missingYearOf(status({ coveredYears: [2026, 2025] }))).toEqual({ year: 2027, lastDate: '2026-12-31' });
    expect(missingYearOf(status({ nextYearMissing: false }))).toBeUndefined();
    expect(missingYearOf(status({ coveredYears: [], provisionalFrom: '2027-01-01' }))).toEqual({ year: 2027, lastDate: '2026-12-31' });
  });

  it('shows the Chinese name in Chinese when there is one', () => {
    const day = { date: '2027-02-06', name: 'Spring Festival', nameZh: '春节' };
    expect(dayName(day, 'zh-CN')).toBe('春节');
    expect(dayName(day, 'en')).toBe('Spring Festival');
    expect(dayName({ date: '2027-02-06', name: 'Company day' }, 'zh-CN')).toBe('Company day');
  });

  it('tells an .ics file from a JSON file and refuses others', () => {
    expect(scheduleKind({ name: 'cn-2027.ICS', type: '' })).toBe('ics');
    expect(scheduleKind({ name: 'schedule', type: 'text/calendar' })).toBe('ics');
    expect(scheduleKind({ name: 'cn-2027.json', type: '' })).toBe('json');
    expect(scheduleKind({ name: 'notes.txt', type: 'text/plain' })).toBeUndefined();
  });

  it('sends a file name the API accepts', () => {
    expect(safeFileName('cn-2027.json')).toBe('cn-2027.json');
    expect(safeFileName('国务院 2027.JSON')).toBe('___ 2027.json');
    expect(safeFileName('.json')).toBe('calendar.json');
  });
});
