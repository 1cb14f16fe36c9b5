import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#declarations/table-schema.ts';
import type { Tier } from '#domain/complaint.ts';
import { documentClient, tableName } from './table.ts';

export async function customerTier(customerId: string): Promise<Tier> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.customerProfile(customerId) }));
  return Item?.tier === 'vip' ? 'vip' : 'standard';
}

/** The desk's own record of a customer: the tier is set here by a supervisor, never by the customer. */
export async function setCustomerTier(customerId: string, tier: Tier, by: string, at: Date): Promise<{ previous: Tier; tier: Tier }> {
  const { Attributes } = await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.customerProfile(customerId),
      UpdateExpression: 'SET entity = :entity, tier = :tier, tierSetBy = :by, tierSetAt = :at',
      ExpressionAttributeValues: { ':entity': 'customer', ':tier': tier, ':by': by, ':at': at.toISOString() },
      ReturnValues: 'UPDATED_OLD',
    }),
  );
  return { previous: Attributes?.tier === 'vip' ? 'vip' : 'standard', tier };
}
