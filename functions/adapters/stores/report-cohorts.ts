import { gunzipSync, gzipSync } from 'node:zlib';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { indexes, keys } from '#declarations/table-schema.ts';
import type { CohortRow, ReportFacts } from '#domain/reports/cohort.ts';
import { reportFactsAttribute, reportFactsOfItem } from './complaint-item.ts';
import { queryItems } from './query-paginator.ts';
import { documentClient, isConditionFailure, tableName } from './table.ts';

const { reportMonth } = indexes;

/**
 * The report facts of the complaints received in one local month, between
 * two instants (the period's local midnights), read from the month index in
 * order of receipt. Never a Scan: the index holds only these facts.
 */
export async function monthFacts(month: string, range: { from: string; to: string }): Promise<ReportFacts[]> {
  const facts: ReportFacts[] = [];
  const items = queryItems({
    IndexName: reportMonth.name,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#pk': reportMonth.partitionKey, '#sk': reportMonth.sortKey, '#facts': reportFactsAttribute },
    // A sort key is `receivedAt#id`: one received exactly at `to` (the next local midnight) sorts after `to` itself.
    ExpressionAttributeValues: { ':pk': keys.reportMonthIndex(month), ':from': range.from, ':to': range.to },
    // The facts alone travel: the keys of every entry would double what is unmarshalled (paging still gets its key).
    ProjectionExpression: '#facts',
  });
  for await (const item of items) facts.push(reportFactsOfItem(item));
  return facts;
}

export interface MonthSnapshot {
  month: string;
  timeZone: string;
  settledAt: string;
  rows: CohortRow[];
}

/** A part stays well under DynamoDB's 400 KB item limit. */
const partBytes = 300_000;

/**
 * A settled month, stored once. Its rows are gzipped JSON cut into parts; the
 * head part (0), written last and only if absent, says how many parts there
 * are, so a half-written snapshot is never read and a second writer changes
 * nothing.
 */
export async function storeMonthSnapshot(snapshot: MonthSnapshot): Promise<'stored' | 'exists'> {
  const packed = gzipSync(JSON.stringify(snapshot.rows));
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < packed.length || parts.length === 0; offset += partBytes)
    parts.push(packed.subarray(offset, offset + partBytes));
  for (let index = 1; index < parts.length; index++) {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.reportSnapshot(snapshot.month, index), entity: 'reportSnapshotPart', data: parts[index] },
      }),
    );
  }
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.reportSnapshot(snapshot.month, 0),
          entity: 'reportSnapshot',
          month: snapshot.month,
          timeZone: snapshot.timeZone,
          settledAt: snapshot.settledAt,
          complaints: snapshot.rows.length,
          parts: parts.length,
          data: parts[0],
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return 'stored';
  } catch (error) {
    if (isConditionFailure(error)) return 'exists';
    throw error;
  }
}

/** The settled month's rows, or undefined while it has none (or only parts of one being written). */
export async function monthSnapshot(month: string): Promise<MonthSnapshot | undefined> {
  const parts = new Map<number, Uint8Array>();
  let head: Record<string, unknown> | undefined;
  const items = queryItems({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.reportSnapshotPartition(month) },
  });
  for await (const item of items) {
    const index = Number(String(item.sk).slice('SNAPSHOT#'.length));
    parts.set(index, item.data as Uint8Array);
    if (index === 0) head = item;
  }
  if (!head) return undefined;
  const count = Number(head.parts);
  const ordered = Array.from({ length: count }, (_, index) => parts.get(index));
  if (ordered.some((part) => part === undefined)) return undefined;
  const rows = JSON.parse(gunzipSync(Buffer.concat(ordered as Uint8Array[])).toString('utf8')) as CohortRow[];
  return { month, timeZone: String(head.timeZone), settledAt: String(head.settledAt), rows };
}
