import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { indexes, keys } from '#declarations/table-schema.ts';
import type { CaseLibraryEntry } from '#domain/case-library.ts';
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
