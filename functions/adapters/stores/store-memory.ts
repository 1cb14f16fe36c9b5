import { AsyncLocalStorage } from 'node:async_hooks';
import type { Item } from './table.ts';

/**
 * What one invocation knows of the complaint items it read and wrote. A later
 * change of the same case in the same invocation starts from the item it
 * holds instead of reading it again (the write is conditional on its version,
 * so an item changed meanwhile is refused and read again: never lost), and
 * does not put again the outbox events it saw written itself (each refused,
 * billed, one more round trip). Scoped to one invocation (API and workflow handlers run
 * in withOwnStoreMemory): a warm container's next invocation, or another
 * function in the local runtime's one process, trusts none of it.
 */
export interface StoreMemory {
  items: Map<string, Item>;
  /** Per complaint, the write (by its id) whose outbox events were written out. */
  outboxes: Map<string, string>;
}
export const storeMemory = new AsyncLocalStorage<StoreMemory>();

/** Runs one invocation with its own memory of the complaints it read and wrote (none outside one). */
export function withOwnStoreMemory<T>(run: () => T): T {
  return storeMemory.run({ items: new Map(), outboxes: new Map() }, run);
}
