import { describe, expect, it } from 'vitest';
import { findRepeatOf } from '#domain/repeat.ts';

const at = (iso: string) => new Date(iso);
const earlier = [
  { id: 'a', caseNumber: 'CL-20251101-0001', category: 'logistics' as const, receivedAt: '2025-11-01T02:00:00.000Z' },
  { id: 'b', caseNumber: 'CL-20251110-0001', category: 'uncertain' as const, receivedAt: '2025-11-10T02:00:00.000Z' },
  { id: 'c', caseNumber: 'CL-20251120-0001', category: 'logistics' as const, receivedAt: '2025-11-20T02:00:00.000Z' },
];

describe('Function: findRepeatOf (重复投诉: same customer, same category, 30 days)', () => {
  it('links the most recent earlier complaint of the same category within 30 days, never the complaint itself', () => {
    expect(findRepeatOf(earlier, 'logistics', at('2025-11-24T02:00:00.000Z'))?.caseNumber).toBe('CL-20251120-0001');
    expect(findRepeatOf(earlier, 'logistics', at('2025-11-20T02:00:00.000Z'), 'c')?.caseNumber).toBe('CL-20251101-0001');
    expect(findRepeatOf(earlier, 'logistics', at('2025-12-21T02:00:00.000Z'))).toBeUndefined();
  });

  it('counts an uncertain case as a repeat of nothing, and nothing as a repeat of it, until a category is picked', () => {
    expect(findRepeatOf(earlier, 'uncertain', at('2025-11-24T02:00:00.000Z'))).toBeUndefined();
    expect(findRepeatOf(earlier.slice(1, 2), 'logistics', at('2025-11-24T02:00:00.000Z'))).toBeUndefined();
  });
});
