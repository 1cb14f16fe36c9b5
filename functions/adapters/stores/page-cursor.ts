import { DomainError } from '#domain/errors.ts';
import type { Item } from './table.ts';

/** An opaque page cursor: the last key read, encoded so clients treat it as a token. */
export function encodeCursor(key: Item | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

/**
 * The key a cursor names must be one this query could have ended a page on:
 * exactly the key attributes of the table or index read, inside the partition
 * queried. DynamoDB refuses any other start key with a ValidationException,
 * and a key outside the partition would page through someone else's items.
 */
export function decodeCursor(
  cursor: string | undefined,
  attributes: readonly string[],
  belongs: (key: Record<string, string>) => boolean,
): Item | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (key && typeof key === 'object' && !Array.isArray(key)) {
      const entries = Object.entries(key);
      const strings = entries.every(([, v]) => typeof v === 'string');
      const named = entries.length === attributes.length && attributes.every((a) => Object.hasOwn(key, a));
      if (strings && named && belongs(key as Record<string, string>)) return key;
    }
  } catch {
    // falls through to the error below
  }
  throw new DomainError('invalid', 'InvalidCursor', 'the cursor is not one this API gave out', { field: 'cursor' });
}
