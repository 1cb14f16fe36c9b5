import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { keys, tableSchema } from '#declarations/table-schema.ts';
import type { CaseLibraryEntry } from '#domain/case-library.ts';
import { categories, type Category } from '#domain/complaint.ts';
import { env, requireEnv } from './config.ts';
import { sdkClient } from './sdk-clients.ts';

/**
 * Where case-library candidates come from. Today: the table's caseLibrary
 * index, a bounded read by category and closing time. When the library
 * outgrows that, an OpenSearch implementation of this interface (fed from the
 * same putCaseLibraryEntry write) replaces it without touching handlers or the
 * ranking in the domain.
 */
export interface CaseLibrarySource {
  candidates(filter: { category?: Category; from?: string; to?: string }, perCategory: number): Promise<{
    entries: CaseLibraryEntry[];
    truncated: boolean;
  }>;
}

type Item = Record<string, NativeAttributeValue>;
const documentClient = DynamoDBDocumentClient.from(sdkClient(new DynamoDBClient({})));
const index = tableSchema.globalIndexes.find((i) => i.name === 'caseLibrary')!;

function fromItem(item: Item): CaseLibraryEntry {
  const { pk: _pk, sk: _sk, entity: _e, libraryPk: _l, librarySk: _s, ...entry } = item;
  return entry as CaseLibraryEntry;
}

async function newestOfCategory(category: Category, from: string, to: string, bound: number) {
  const entries: CaseLibraryEntry[] = [];
  let startKey: Item | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: requireEnv(env.tableName),
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: { ':pk': keys.libraryIndex(category), ':from': from, ':to': `${to}\uffff` },
        ScanIndexForward: false,
        Limit: bound - entries.length,
        ExclusiveStartKey: startKey,
      }),
    );
    entries.push(...(page.Items ?? []).map(fromItem));
    startKey = page.LastEvaluatedKey;
  } while (startKey && entries.length < bound);
  return { entries, truncated: startKey !== undefined };
}

export const tableCaseLibrary: CaseLibrarySource = {
  async candidates(filter, perCategory) {
    const wanted = filter.category ? [filter.category] : [...categories];
    const pages = await Promise.all(
      wanted.map((category) => newestOfCategory(category, filter.from ?? '', filter.to ?? '9999', perCategory)),
    );
    return { entries: pages.flatMap((p) => p.entries), truncated: pages.some((p) => p.truncated) };
  },
};
