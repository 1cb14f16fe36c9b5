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
  /** The non-key attributes an INCLUDE index carries; without it the index projects ALL. */
  projectedAttributes?: readonly string[];
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

const inIndex = (item: Item | undefined, index: IndexKeys) =>
  item !== undefined && item[index.partitionKey] !== undefined && item[index.sortKey] !== undefined;

/** The entry an index holds for an item: all of it (ALL), or the table and index keys and the projected attributes. */
function indexEntry(item: Item, index: IndexKeys, tableKeys: readonly string[]): Item {
  if (!index.projectedAttributes) return item;
  const names = [...tableKeys, index.partitionKey, index.sortKey, ...index.projectedAttributes];
  return Object.fromEntries(names.filter((name) => item[name] !== undefined).map((name) => [name, item[name]!]));
}

/**
 * Write units one write adds in each global secondary index, by the entry the
 * index holds (the whole item under ALL; keys and projected attributes under
 * INCLUDE): an entry put or deleted costs one write of its size; one updated
 * in place one write of the larger of before and after; a changed index key
 * two (delete and put); an entry whose keys and projected attributes the
 * write left as they were, or an item outside the index before and after,
 * nothing (the developer guide: only a change to an index key or a projected
 * attribute writes to the index).
 * `operations` counts those writes: what they would cost, one unit each, if
 * every entry were under 1 KB.
 */
export function indexWriteUnits(
  before: Item | undefined,
  after: Item | undefined,
  indexes: readonly IndexKeys[],
  tableKeys: readonly string[] = ['pk', 'sk'],
) {
  const perIndex: Record<string, number> = {};
  let operations = 0;
  for (const index of indexes) {
    const was = inIndex(before, index);
    const is = inIndex(after, index);
    if (!was && !is) continue;
    const old = was ? indexEntry(before!, index, tableKeys) : undefined;
    const next = is ? indexEntry(after!, index, tableKeys) : undefined;
    const oldUnits = old ? writeUnits(itemSize(old)) : 0;
    const nextUnits = next ? writeUnits(itemSize(next)) : 0;
    let units = 0;
    if (old && next) {
      const keyChanged =
        JSON.stringify(old[index.partitionKey]) !== JSON.stringify(next[index.partitionKey]) ||
        JSON.stringify(old[index.sortKey]) !== JSON.stringify(next[index.sortKey]);
      if (keyChanged) {
        units = oldUnits + nextUnits;
        operations += 2;
      } else if (canonical(old) !== canonical(next)) {
        units = Math.max(oldUnits, nextUnits);
        operations += 1;
      }
    } else {
      units = old ? oldUnits : nextUnits;
      operations += 1;
    }
    if (units > 0) perIndex[index.name] = units;
  }
  return { total: Object.values(perIndex).reduce((a, b) => a + b, 0), operations, perIndex };
}
