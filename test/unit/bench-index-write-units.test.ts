import { describe, expect, it } from 'vitest';
import { type IndexKeys, indexWriteUnits } from '../../bench/support/capacity-units.ts';

const queue: IndexKeys = { name: 'queue', partitionKey: 'qpk', sortKey: 'qsk', projectedAttributes: ['phase'] };
const everything: IndexKeys = { name: 'all', partitionKey: 'apk', sortKey: 'ask' };
const big = 'x'.repeat(3000);

const item = (over: Record<string, string | undefined>) =>
  Object.fromEntries(
    Object.entries({
      pk: 'C#1',
      sk: 'C',
      qpk: 'Q#alice',
      qsk: '2025-11-26',
      apk: 'A',
      ask: '1',
      phase: 'AWAITING_RESPONSE',
      text: big,
      ...over,
    })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, { S: v }]),
  );

describe('Bench: index write units by projection', () => {
  it('an INCLUDE index is not written when the write leaves its keys and projected attributes alone; ALL is, at the item size', () => {
    const result = indexWriteUnits(item({}), item({ text: `${big}!` }), [queue, everything]);
    expect(result.perIndex).toEqual({ all: 3 });
    expect(result.operations).toBe(1);
  });

  it('a changed projected attribute writes the small entry once; a changed key deletes and puts it', () => {
    expect(indexWriteUnits(item({}), item({ phase: 'AWAITING_RESOLUTION' }), [queue]).perIndex).toEqual({ queue: 1 });
    const moved = indexWriteUnits(item({}), item({ qsk: '2025-12-03' }), [queue]);
    expect(moved).toEqual({ total: 2, operations: 2, perIndex: { queue: 2 } });
  });

  it('entering and leaving a sparse index cost one write each, an item outside it nothing', () => {
    expect(indexWriteUnits(undefined, item({}), [queue]).perIndex).toEqual({ queue: 1 });
    expect(indexWriteUnits(item({}), item({ qpk: undefined }), [queue]).perIndex).toEqual({ queue: 1 });
    expect(indexWriteUnits(item({ qpk: undefined }), item({ qpk: undefined, phase: 'CLOSED' }), [queue])).toEqual({
      total: 0,
      operations: 0,
      perIndex: {},
    });
  });
});
