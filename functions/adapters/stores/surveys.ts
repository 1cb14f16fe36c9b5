import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#declarations/table-schema.ts';
import { documentClient, isConditionFailure, tableName, withoutItemKeys } from './table.ts';

export interface SurveyRecord {
  tokenHash: string;
  complaintId: string;
  sentAt: string;
  answeredAt?: string;
  answer?: { csat: number; nps: number; comment?: string };
}

export async function putSurvey(record: SurveyRecord): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.survey(record.tokenHash), entity: 'survey', ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getSurvey(tokenHash: string): Promise<SurveyRecord | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.survey(tokenHash), ConsistentRead: true }));
  return Item ? (withoutItemKeys(Item) as SurveyRecord) : undefined;
}

/**
 * Copies the answer the complaint recorded onto the survey's record, once: the
 * complaint's conditional write already chose which answer stands, so a
 * repeat (a retry, the same answer from a second tab) finds it written.
 */
export async function answerSurvey(tokenHash: string, answer: SurveyRecord['answer'], at: Date): Promise<void> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.survey(tokenHash),
        UpdateExpression: 'SET answeredAt = :at, answer = :answer',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(answeredAt)',
        ExpressionAttributeValues: { ':at': at.toISOString(), ':answer': answer },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
