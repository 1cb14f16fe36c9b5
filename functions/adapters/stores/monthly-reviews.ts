import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#declarations/table-schema.ts';
import { documentClient, isConditionFailure, tableName } from './table.ts';

/**
 * One item per reviewed month says who has been sent its review. A run
 * claims it for a lease before sending; a second run (the schedule fired
 * twice) finds it held and sends nothing; a retried run after a crash takes
 * the lapsed lease over and sends only to the recipients not yet recorded.
 */
export type ReviewClaim =
  | { outcome: 'claimed'; claimId: string; alreadySentTo: string[] }
  | { outcome: 'sent'; sentAt: string }
  | { outcome: 'busy'; leaseUntil: string };

export async function claimMonthlyReview(month: string, claimId: string, now: Date, leaseMs: number): Promise<ReviewClaim> {
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.monthlyReview(month),
        UpdateExpression:
          'SET entity = :entity, #month = :month, claimId = :claim, leaseUntil = :lease, sentTo = if_not_exists(sentTo, :none)',
        ConditionExpression: 'attribute_not_exists(pk) OR (attribute_not_exists(sentAt) AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#month': 'month' },
        ExpressionAttributeValues: {
          ':entity': 'monthlyReview',
          ':month': month,
          ':claim': claimId,
          ':lease': leaseUntil,
          ':none': [],
          ':now': now.toISOString(),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { outcome: 'claimed', claimId, alreadySentTo: (Attributes?.sentTo as string[] | undefined) ?? [] };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.monthlyReview(month), ConsistentRead: true }),
  );
  if (Item?.sentAt) return { outcome: 'sent', sentAt: String(Item.sentAt) };
  return { outcome: 'busy', leaseUntil: String(Item?.leaseUntil ?? '') };
}

/** Recorded after each send, and only while the claim is still this run's: a run whose lease was taken over stops. */
export async function recordReviewRecipient(month: string, claimId: string, recipient: string): Promise<void> {
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.monthlyReview(month),
      UpdateExpression: 'SET sentTo = list_append(sentTo, :recipient)',
      ConditionExpression: 'claimId = :claim',
      ExpressionAttributeValues: { ':recipient': [recipient], ':claim': claimId },
    }),
  );
}

export async function markMonthlyReviewSent(month: string, claimId: string, sentAt: Date): Promise<void> {
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.monthlyReview(month),
      UpdateExpression: 'SET sentAt = :at REMOVE leaseUntil',
      ConditionExpression: 'claimId = :claim',
      ExpressionAttributeValues: { ':at': sentAt.toISOString(), ':claim': claimId },
    }),
  );
}

/** A run that could not send to everyone lets a retry take over at once instead of waiting out the lease. */
export async function releaseMonthlyReview(month: string, claimId: string): Promise<void> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.monthlyReview(month),
        UpdateExpression: 'SET leaseUntil = :past',
        ConditionExpression: 'claimId = :claim AND attribute_not_exists(sentAt)',
        ExpressionAttributeValues: { ':past': new Date(0).toISOString(), ':claim': claimId },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
