/**
 * DynamoDB item sizes and request units, by the rules of the developer guide:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 * (item size), .../read-write-operations.html (1 KB per write unit, 4 KB per
 * read unit, eventually consistent reads at half) and
 * .../GSI.html#GSI.ThroughputConsiderations.Writes (index writes).
 *
 * dynalite reports ConsumedCapacity for the base table only, so the bench
 * computes what each global secondary index adds from the item before and
 * after every write, with these rules.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type Item = Record<string, AttributeValue>;

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** A number takes 1 byte per two significant digits, plus 1; leading and trailing zeros do not count. */
function numberSize(text: string): number {
  const digits = text.replace(/^[-+]/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((size, s) => size + utf8(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((size, n) => size + numberSize(n), 0);
  if (value.BS !== undefined) return value.BS.reduce((size, b) => size + b.length, 0);
  // A list or map costs 3 bytes, and each element 1 byte more than its own size.
  if (value.L !== undefined) return 3 + value.L.reduce((size, element) => size + 1 + valueSize(element), 0);
  if (value.M !== undefined) {
    return 3 + Object.entries(value.M).reduce((size, [name, element]) => size + 1 + utf8(name) + valueSize(element), 0);
  }
  return 0;
}

/** Attribute names and values, in bytes. */
export function itemSize(item: Item): number {
  return Object.entries(item).reduce((size, [name, value]) => size + utf8(name) + valueSize(value), 0);
}

export const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

export interface IndexKeys {
  name: string;
  partitionKey: string;
  sortKey: string;
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

const inIndex = (item: Item | undefined, index: IndexKeys) =>
  item !== undefined && item[index.partitionKey] !== undefined && item[index.sortKey] !== undefined;

/**
 * Write units one write adds in each global secondary index (projection ALL,
 * so an index entry is as large as the item): an entry put, deleted, or
 * updated in place costs one write; a changed index key costs two (delete
 * and put); an item outside the index before and after costs nothing.
 * `operations` counts those writes: what they would cost, one unit each, if
 * the indexes projected only keys and a few attributes (entries under 1 KB).
 */
export function indexWriteUnits(before: Item | undefined, after: Item | undefined, indexes: readonly IndexKeys[]) {
  const perIndex: Record<string, number> = {};
  let operations = 0;
  const beforeSize = before ? itemSize(before) : 0;
  const afterSize = after ? itemSize(after) : 0;
  // Sizes differ far more often than not, and are cheap to compare.
  if (before !== undefined && after !== undefined && beforeSize === afterSize && canonical(before) === canonical(after)) {
    return { total: 0, operations, perIndex };
  }
  const beforeUnits = before ? writeUnits(beforeSize) : 0;
  const afterUnits = after ? writeUnits(afterSize) : 0;
  for (const index of indexes) {
    const was = inIndex(before, index);
    const is = inIndex(after, index);
    let units = 0;
    if (was && is) {
      const keyChanged =
        JSON.stringify(before![index.partitionKey]) !== JSON.stringify(after![index.partitionKey]) ||
        JSON.stringify(before![index.sortKey]) !== JSON.stringify(after![index.sortKey]);
      units = keyChanged ? beforeUnits + afterUnits : Math.max(beforeUnits, afterUnits);
      operations += keyChanged ? 2 : 1;
    } else if (was || is) {
      units = was ? beforeUnits : afterUnits;
      operations += 1;
    }
    if (units > 0) perIndex[index.name] = units;
  }
  return { total: Object.values(perIndex).reduce((a, b) => a + b, 0), operations, perIndex };
}
