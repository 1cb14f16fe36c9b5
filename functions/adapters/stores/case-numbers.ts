import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#declarations/table-schema.ts';
import { documentClient, tableName } from './table.ts';

/** Case numbers are counted per local day with an atomic, conditional counter. */
export async function nextCaseSequence(localDate: string): Promise<number> {
  const { Attributes } = await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.caseNumberCounter(localDate),
      UpdateExpression: 'SET entity = :entity ADD seq :one',
      ConditionExpression: 'attribute_not_exists(seq) OR seq < :max',
      ExpressionAttributeValues: { ':entity': 'counter', ':one': 1, ':max': 999_999 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes?.seq);
}
