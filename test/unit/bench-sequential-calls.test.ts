import { describe, expect, it } from 'vitest';
import { sequentialCalls } from '../../bench/support/invocation-scope.ts';

describe('bench: AWS calls one after another', () => {
  it('counts calls in flight together once, and calls that wait for each other each', () => {
    expect(sequentialCalls([])).toBe(0);
    // GetItem, then a Put and a Query side by side (Promise.all), then StartExecution.
    const calls = [
      { start: 0, end: 10 },
      { start: 12, end: 30 },
      { start: 13, end: 20 },
      { start: 31, end: 40 },
    ];
    expect(sequentialCalls(calls)).toBe(3);
    expect(sequentialCalls([...calls].reverse())).toBe(3);
  });

  it('counts a call that starts the moment another ends as the next one', () => {
    expect(sequentialCalls([{ start: 0, end: 5 }, { start: 5, end: 9 }])).toBe(2);
  });
});
