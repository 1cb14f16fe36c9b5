import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { indexes, keys } from '#declarations/table-schema.ts';
import type { CaseLibraryEntry } from '#domain/case-library.ts';
import { type CaseCategory, caseCategories } from '#domain/complaint.ts';
import { queryItems } from './query-paginator.ts';
import { type Item, documentClient, tableName, withoutItemKeys } from './table.ts';

const library = indexes.caseLibrary;

export function fromCaseLibraryItem(item: Item): CaseLibraryEntry {
  const { [library.partitionKey]: _pk, [library.sortKey]: _sk, ...entry } = withoutItemKeys(item);
  return entry as CaseLibraryEntry;
}

/** A full overwrite: writing the same entry again after a retry changes nothing. */
export async function putCaseLibraryEntry(entry: CaseLibraryEntry): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...keys.caseLibraryEntry(entry.complaintId),
        entity: 'case',
        ...entry,
        [library.partitionKey]: keys.libraryIndex(entry.category),
        [library.sortKey]: keys.byTime(entry.closedAt, entry.complaintId),
      },
    }),
  );
}

export async function getCaseLibraryEntry(complaintId: string): Promise<CaseLibraryEntry | undefined> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.caseLibraryEntry(complaintId), ConsistentRead: true }),
  );
  return Item ? fromCaseLibraryItem(Item) : undefined;
}

/**
 * The root cause and category of every case closed between two instants,
 * read per category from the library index (closing time is its sort key).
 * Only the two attributes travel: the monthly review counts causes.
 */
export async function rootCausesClosedBetween(from: string, to: string): Promise<{ rootCause: string; category: CaseCategory }[]> {
  const perCategory = await Promise.all(
    caseCategories.map(async (category) => {
      const causes: { rootCause: string; category: CaseCategory }[] = [];
      const items = queryItems({
        IndexName: library.name,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': library.partitionKey, '#sk': library.sortKey, '#cause': 'rootCause' },
        // A sort key is `closedAt#id`, so one closed exactly at `to` sorts after `to` and is left to the next period.
        ExpressionAttributeValues: { ':pk': keys.libraryIndex(category), ':from': from, ':to': to },
        ProjectionExpression: '#cause',
      });
      for await (const item of items) causes.push({ rootCause: String(item.rootCause ?? ''), category });
      return causes;
    }),
  );
  return perCategory.flat();
}
