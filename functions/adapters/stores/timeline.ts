import { keys } from '#declarations/table-schema.ts';
import type { TimelineEvent } from '#domain/timeline.ts';
import { queryPage } from './query-paginator.ts';
import { type Item, documentClient, isConditionFailure, tableName, withoutItemKeys } from './table.ts';
import { PutCommand } from '@aws-sdk/lib-dynamodb';

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
