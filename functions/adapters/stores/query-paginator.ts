import { QueryCommand, paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { type GlobalIndexName, pageKeyAttributes } from '#declarations/table-schema.ts';
import { decodeCursor, encodeCursor } from './page-cursor.ts';
import { type Item, documentClient, tableName } from './table.ts';

/** A query as a store states it: the paginator adds the table, the page size and the start key. */
export type StoreQuery = Omit<QueryCommandInput, 'TableName' | 'IndexName' | 'Limit' | 'ExclusiveStartKey'> & {
  IndexName?: GlobalIndexName;
};

export interface QueryPage {
  items: Item[];
  /** Items the page matched: with `Select: 'COUNT'` the page carries no items, only this. */
  count: number;
  /** Where the next page starts; absent on the last page. */
  lastKey?: Item;
}

const definedOnly = (input: QueryCommandInput): QueryCommandInput =>
  Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as QueryCommandInput;

/**
 * Every page of a query, each asked for with the previous page's
 * LastEvaluatedKey, until DynamoDB returns none. `pageSize` is the Limit of
 * each page; without it a page ends at DynamoDB's 1 MB.
 */
export async function* queryPages(query: StoreQuery, pageSize?: number, startKey?: Item): AsyncGenerator<QueryPage, void> {
  const pages = paginateQuery(
    {
      client: documentClient,
      ...(pageSize === undefined ? {} : { pageSize }),
      ...(startKey === undefined ? {} : { startingToken: startKey }),
      // The paginator writes each page's start key into the one input object
      // it was given: each command gets its own copy, so a command held on to
      // (by a retry, a middleware, a test) still shows the key it was sent with.
      withCommand: (command) => new QueryCommand(definedOnly(command.input as QueryCommandInput)),
    },
    { TableName: tableName(), ...query },
  );
  for await (const page of pages) {
    yield { items: page.Items ?? [], count: page.Count ?? page.Items?.length ?? 0, ...(page.LastEvaluatedKey ? { lastKey: page.LastEvaluatedKey } : {}) };
  }
}

/** Every item a query matches, read a page at a time as the caller consumes them. */
export async function* queryItems(query: StoreQuery, pageSize?: number): AsyncGenerator<Item> {
  for await (const page of queryPages(query, pageSize)) yield* page.items;
}

/**
 * One page for an API client: it starts where the client's cursor says (a
 * cursor that could not have come from this query is refused) and answers the
 * cursor of the next page. `belongs` says whether a key lies in the partition
 * this query reads.
 */
export async function queryPage(
  query: StoreQuery,
  page: { limit: number; cursor: string | undefined; belongs: (key: Record<string, string>) => boolean },
): Promise<{ items: Item[]; cursor?: string }> {
  const startKey = decodeCursor(page.cursor, pageKeyAttributes(query.IndexName), page.belongs);
  // The paginator always yields a first page; the rest are never asked for.
  const first = await queryPages(query, page.limit, startKey).next();
  const read: QueryPage = first.done ? { items: [], count: 0 } : first.value;
  const cursor = encodeCursor(read.lastKey);
  return { items: read.items, ...(cursor ? { cursor } : {}) };
}
