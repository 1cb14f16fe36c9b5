import type { Schemas } from '../api/client.ts';

/** Nearest deadline first, whichever scopes the rows came from; a case in two scopes shows once. */
export function mergeQueue<T extends Schemas['QueueItem']>(pages: readonly { items: readonly T[] }[]): T[] {
  const byId = new Map<string, T>();
  for (const page of pages) for (const item of page.items) if (!byId.has(item.id)) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) => Date.parse(a.nextDueAt) - Date.parse(b.nextDueAt) || a.caseNumber.localeCompare(b.caseNumber));
}

