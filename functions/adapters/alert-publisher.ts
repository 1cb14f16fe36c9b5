import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { AlertMessage } from '#domain/messages.ts';
import { env, requireEnv } from './config.ts';
import { sdkClient } from './sdk-clients.ts';

const sns = sdkClient(new SNSClient({}));

async function publish(topicArn: string, alert: AlertMessage): Promise<string | undefined> {
  const result = await sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      Subject: alert.subject,
      Message: alert.message,
      MessageAttributes: Object.fromEntries(
        Object.entries(alert.attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
      ),
    }),
  );
  return result.MessageId;
}

/** Subscribers filter on the `level`, `category` and `tier` attributes: each audience gets its own level. */
export const publishEscalation = (alert: AlertMessage) => publish(requireEnv(env.escalationTopicArn), alert);

export const publishOperationsAlert = (alert: AlertMessage) => publish(requireEnv(env.operationsTopicArn), alert);
