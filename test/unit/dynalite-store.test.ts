import { describe, expect, it } from 'vitest';
import { dynaliteMemoryLevel } from '#local/dynalite.ts';

type Store = InstanceType<ReturnType<typeof dynaliteMemoryLevel>> & {
  put(key: string, value: unknown): Promise<void>;
  close(): Promise<void>;
};

/** How a closed abstract-level iterator answers a further `next()`. */
const notOpen = { code: 'LEVEL_ITERATOR_NOT_OPEN' };

describe('The in-memory store behind the local DynamoDB', () => {
  const newStore = () => new (dynaliteMemoryLevel())({ valueEncoding: 'json' }) as Store;

  it('closes a read at its end, so it no longer holds the store as it was when the read began', async () => {
    const store = newStore();
    await store.put('a', { n: 1 });
    await store.put('b', { n: 2 });
    const read = store.values();
    expect([await read.next(), await read.next(), await read.next()]).toEqual([{ n: 1 }, { n: 2 }, undefined]);
    await expect(read.next()).rejects.toMatchObject(notOpen);
    await store.close();
  });

  it('closes a read dropped before its end (a Query that reached its Limit) through return()', async () => {
    const store = newStore();
    await store.put('a', { n: 1 });
    await store.put('b', { n: 2 });
    const read = store.keys();
    expect(await read.next()).toBe('a');
    expect(read.return).toBeTypeOf('function');
    await read.return!();
    await expect(read.next()).rejects.toMatchObject(notOpen);
    await store.close();
  });

  it('keeps keys and values as strings, not as slices of pooled Buffers', async () => {
    const store = newStore() as Store & { supports: { encodings: Record<string, boolean> } };
    expect(store.supports.encodings).toMatchObject({ utf8: true });
    expect(store.supports.encodings.buffer).toBeUndefined();
    await store.close();
  });
});
