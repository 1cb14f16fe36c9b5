import { indexes, keys } from '#declarations/table-schema.ts';
import { type RecentComplaint, fromRecentComplaintItem } from './complaint-item.ts';
import { queryItems, queryPages } from './query-paginator.ts';

// The sparse indexes scheduled jobs read: each holds only the complaints a
// job has work for, so the jobs page through them and never Scan.

async function* idsOf(items: AsyncIterable<Record<string, unknown>>): AsyncGenerator<string> {
  for await (const item of items) yield String(item.id);
}

/** Closed complaints whose survey is due by `now`. */
export function dueSurveyComplaintIds(now: Date, pageSize = 50): AsyncGenerator<string> {
  const index = indexes.surveysDue;
  return idsOf(
    queryItems(
      {
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk AND #due <= :now',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#due': index.sortKey },
        ExpressionAttributeValues: { ':pk': keys.surveysDuePartition, ':now': now.toISOString() },
      },
      pageSize,
    ),
  );
}

/** Complaints received before `receivedBefore` that no workflow has triaged: their StartExecution may have failed. */
export function complaintsAwaitingTriage(receivedBefore: Date, pageSize = 50): AsyncGenerator<string> {
  const index = indexes.awaitingTriage;
  return idsOf(
    queryItems(
      {
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk AND #received < :before',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#received': index.sortKey },
        ExpressionAttributeValues: { ':pk': keys.awaitingTriagePartition, ':before': receivedBefore.toISOString() },
      },
      pageSize,
    ),
  );
}

/** Open complaints whose deadlines await a calendar year, oldest first. */
export function provisionalComplaintIds(): AsyncGenerator<string> {
  const index = indexes.provisional;
  return idsOf(
    queryItems({
      IndexName: index.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': index.partitionKey },
      ExpressionAttributeValues: { ':pk': keys.provisionalPartition },
    }),
  );
}

/** The customer's complaints received since `since`, newest first: repeat detection reads only these. */
export async function customerComplaintsSince(customerId: string, since: Date): Promise<RecentComplaint[]> {
  const index = indexes.customerComplaints;
  const complaints: RecentComplaint[] = [];
  const items = queryItems({
    IndexName: index.name,
    KeyConditionExpression: `${index.partitionKey} = :pk AND ${index.sortKey} >= :since`,
    ExpressionAttributeValues: { ':pk': keys.customerIndex(customerId), ':since': since.toISOString() },
    ScanIndexForward: false,
  });
  for await (const item of items) if (item.entity === 'complaint') complaints.push(fromRecentComplaintItem(item));
  return complaints;
}

/** How many open complaints await a calendar year: a count from the sparse index, no item read. */
export async function countProvisionalComplaints(): Promise<number> {
  const index = indexes.provisional;
  let count = 0;
  for await (const page of queryPages({
    IndexName: index.name,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': index.partitionKey },
    ExpressionAttributeValues: { ':pk': keys.provisionalPartition },
    Select: 'COUNT',
  })) {
    count += page.count;
  }
  return count;
}
