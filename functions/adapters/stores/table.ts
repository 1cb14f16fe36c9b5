import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, type NativeAttributeValue } from '@aws-sdk/lib-dynamodb';
import { env, requireEnv } from '../config.ts';
import { sdkClient } from '../sdk-clients.ts';

export type Item = Record<string, NativeAttributeValue>;

/**
 * Most writes here record something already done (an email sent, an
 * escalation published): a step that gives up on one is retried whole and
 * does it again. So throttling gets ten attempts (standard mode: exponential
 * backoff with jitter, capped at 20 s), not the SDK's default four, which a
 * burst of a few seconds exhausts; a function's own timeout still bounds it.
 */
const dynamodbMaxAttempts = 10;

/** The one document client every store shares. */
export const documentClient = DynamoDBDocumentClient.from(sdkClient(new DynamoDBClient({ maxAttempts: dynamodbMaxAttempts })), {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});

let cachedTableName: string | undefined;
export const tableName = () => (cachedTableName ??= requireEnv(env.tableName));

export class ConcurrentUpdateError extends Error {
  override readonly name = 'ConcurrentUpdateError';
}

export const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException || (error instanceof Error && error.name === 'ConditionalCheckFailedException');

/** What the store adds to every item; a reader strips it. */
export function withoutItemKeys(item: Item): Item {
  const { pk: _pk, sk: _sk, entity: _e, ...rest } = item;
  return rest;
}
