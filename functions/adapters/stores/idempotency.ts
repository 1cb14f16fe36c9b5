import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys, tableSchema } from '#declarations/table-schema.ts';
import { ConcurrentUpdateError, documentClient, isConditionFailure, tableName, withoutItemKeys } from './table.ts';

export interface IdempotencyRecord {
  key: string;
  requestHash: string;
  complaintId: string;
  caseNumber: string;
  /**
   * The access token is derived from this seed with the link-signing key, so
   * a retry answers the same token while the table never holds one.
   */
  tokenSeed: string;
  /** The first answer without its access token. */
  response?: Record<string, unknown>;
  /** Epoch seconds: the table's TTL attribute, so DynamoDB deletes the record some time after. */
  expiresAt: number;
}

// The table's TTL attribute is the record's expiry: a rename of either fails to compile.
const expiryAttribute: keyof IdempotencyRecord = tableSchema.timeToLiveAttribute;

const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

/**
 * TTL deletes an expired record days late, and the local engine never: the
 * window ends here, on read. The same comparison as the claim's condition, so
 * a record is never expired for one and live for the other.
 */
const isLive = (record: Partial<IdempotencyRecord>, now: Date) =>
  typeof record.expiresAt === 'number' && !(record.expiresAt < epochSeconds(now));

/** The record of a key still inside its window at `now`; an expired one is absent. */
export async function findIdempotencyRecord(key: string, now: Date): Promise<IdempotencyRecord | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.idempotency(key), ConsistentRead: true }));
  if (!Item) return undefined;
  const record = withoutItemKeys(Item) as IdempotencyRecord;
  return isLive(record, now) ? record : undefined;
}

/**
 * First writer wins; everybody else gets the record the first writer made.
 * A record whose window has passed no longer holds its key, so the claim may
 * overwrite it: the key then names a new complaint.
 */
export async function claimIdempotencyKey(
  record: IdempotencyRecord,
  now: Date,
): Promise<{ claimed: true; record: IdempotencyRecord } | { claimed: false; existing: IdempotencyRecord }> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.idempotency(record.key), entity: 'idempotency', ...record },
        ConditionExpression: 'attribute_not_exists(pk) OR #expiresAt < :now',
        ExpressionAttributeNames: { '#expiresAt': expiryAttribute },
        ExpressionAttributeValues: { ':now': epochSeconds(now) },
      }),
    );
    return { claimed: true, record };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  const existing = await findIdempotencyRecord(record.key, now);
  if (!existing) throw new ConcurrentUpdateError(`idempotency key ${record.key} vanished`);
  return { claimed: false, existing };
}

export async function completeIdempotencyKey(key: string, response: Record<string, unknown>): Promise<void> {
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.idempotency(key),
      UpdateExpression: 'SET #response = :response',
      ExpressionAttributeNames: { '#response': 'response' },
      ExpressionAttributeValues: { ':response': response },
    }),
  );
}
