import type { NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { indexes, keys } from '#declarations/table-schema.ts';
import type { EscalatedCase } from '#domain/escalation-list.ts';
import { type QueueCase, fromQueueItem } from './complaint-item.ts';
import { queryItems, queryPage } from './query-paginator.ts';

export interface QueueQuery {
  /** The agent's own cases, the unassigned pool, or every open case. */
  partition: { kind: 'agent'; agentId: string } | { kind: 'unassigned' } | { kind: 'all' } | { kind: 'team'; team: string };
  phase?: string;
  category?: string;
  escalationLevel?: number;
  limit: number;
  cursor?: string;
}

function queueIndexOf(partition: QueueQuery['partition']) {
  switch (partition.kind) {
    case 'all':
      return { index: indexes.openByDeadline, pk: keys.openPartition };
    case 'team':
      return { index: indexes.teamQueue, pk: keys.teamIndex(partition.team) };
    case 'agent':
      return { index: indexes.agentQueue, pk: keys.queueIndex(partition.agentId) };
    case 'unassigned':
      return { index: indexes.agentQueue, pk: keys.queueIndex(undefined) };
  }
}

/**
 * Open cases, nearest deadline first, from an index. Filters are applied to
 * the page read, so a page may hold fewer than `limit` cases; the cursor goes on.
 */
export async function queuePage(query: QueueQuery): Promise<{ complaints: QueueCase[]; cursor?: string }> {
  const { index, pk } = queueIndexOf(query.partition);
  const filters: string[] = [];
  const names: Record<string, string> = { '#pk': index.partitionKey };
  const values: Record<string, NativeAttributeValue> = { ':pk': pk };
  if (query.phase) {
    filters.push('#phase = :phase');
    names['#phase'] = 'phase';
    values[':phase'] = query.phase;
  }
  if (query.category) {
    filters.push('#category = :category');
    names['#category'] = 'category';
    values[':category'] = query.category;
  }
  if (query.escalationLevel !== undefined) {
    filters.push('#level = :level');
    names['#level'] = 'escalationLevel';
    values[':level'] = query.escalationLevel;
  }
  const page = await queryPage(
    {
      IndexName: index.name,
      KeyConditionExpression: '#pk = :pk',
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
    { limit: query.limit, cursor: query.cursor, belongs: (key) => key[index.partitionKey] === pk },
  );
  return { complaints: page.items.map(fromQueueItem), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/**
 * Every open case that has been escalated at `minLevel` or above, read from
 * the open-cases index (escalationLevel only ever rises, so the filter loses
 * no case) with only what the escalation list shows.
 */
export async function* openEscalatedCases(minLevel: number): AsyncGenerator<EscalatedCase> {
  const index = indexes.openByDeadline;
  const items = queryItems({
    IndexName: index.name,
    KeyConditionExpression: '#pk = :pk',
    FilterExpression: '#level >= :min',
    ProjectionExpression: '#id, caseNumber, subject, category, severity, #phase, escalations, #owner',
    ExpressionAttributeNames: { '#pk': index.partitionKey, '#level': 'escalationLevel', '#id': 'id', '#phase': 'phase', '#owner': 'owner' },
    ExpressionAttributeValues: { ':pk': keys.openPartition, ':min': minLevel },
  });
  for await (const item of items) yield item as unknown as EscalatedCase;
}
