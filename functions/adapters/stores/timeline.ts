import { keys } from '#declarations/table-schema.ts';
import type { TimelineEvent } from '#domain/timeline.ts';
import { queryPage } from './query-paginator.ts';
import { type Item, documentClient, isConditionFailure, tableName, withoutItemKeys } from './table.ts';
import { BatchGetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

export const fromEventItem = (item: Item): TimelineEvent => withoutItemKeys(item) as TimelineEvent;

/** Events are immutable and keyed deterministically: writing one twice is a no-op. */
export async function appendEvents(events: readonly TimelineEvent[]): Promise<void> {
  // Each event has its own key and a repeat is refused, so order does not matter: all in one round trip.
  await Promise.all(
    events.map(async (event) => {
      try {
        await documentClient.send(
          new PutCommand({
            TableName: tableName(),
            Item: { ...keys.event(event.complaintId, event.key), entity: 'event', ...event },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }),
  );
}

/** BatchGetItem takes at most 100 keys; the few a batch leaves unprocessed are asked again this often. */
const batchGetLimit = 100;
const unprocessedRounds = 3;

/**
 * The events of a stored version's outbox that are not yet items, found by a
 * strongly consistent batch read of their keys: the change after someone
 * else's reads its predecessor's events (a fraction of a read unit each)
 * instead of putting each again only to have it refused and billed as a write.
 */
export async function missingEvents(events: readonly TimelineEvent[]): Promise<TimelineEvent[]> {
  const found = new Set<string>();
  for (let start = 0; start < events.length; start += batchGetLimit) {
    let keysToRead: Item[] = events.slice(start, start + batchGetLimit).map((e) => keys.event(e.complaintId, e.key));
    for (let round = 0; round < unprocessedRounds && keysToRead.length > 0; round++) {
      const answer = await documentClient.send(
        new BatchGetCommand({
          RequestItems: { [tableName()]: { Keys: keysToRead, ConsistentRead: true, ProjectionExpression: 'pk, sk' } },
        }),
      );
      for (const item of answer.Responses?.[tableName()] ?? []) found.add(`${String(item.pk)}|${String(item.sk)}`);
      keysToRead = (answer.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Item[];
    }
  }
  // A key still unprocessed counts as missing: its conditional put is refused if it exists, so nothing is written twice.
  return events.filter((e) => {
    const key = keys.event(e.complaintId, e.key);
    return !found.has(`${key.pk}|${key.sk}`);
  });
}

/** The outbox of the version read: the events it carries that are not items yet are written. */
export async function completeOutbox(events: readonly TimelineEvent[]): Promise<void> {
  if (events.length === 0) return;
  await appendEvents(await missingEvents(events));
}

/** A page of a case's timeline, oldest first; a Query on its partition, never more than `limit` events. */
export async function timelinePage(
  complaintId: string,
  limit: number,
  cursor: string | undefined,
): Promise<{ events: TimelineEvent[]; cursor?: string }> {
  const { pk } = keys.complaint(complaintId);
  const page = await queryPage(
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
      ExpressionAttributeValues: { ':pk': pk, ':events': keys.eventPrefix },
      ConsistentRead: true,
    },
    { limit, cursor, belongs: (key) => key.pk === pk && key.sk!.startsWith(keys.eventPrefix) },
  );
  return { events: page.items.map(fromEventItem), ...(page.cursor ? { cursor: page.cursor } : {}) };
}
