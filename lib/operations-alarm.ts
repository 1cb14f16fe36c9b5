import { Stack } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ITopic } from 'aws-cdk-lib/aws-sns';

/**
 * Makes the alarm notify the operations topic. The topic's policy (written for
 * enforceSSL) replaces SNS's default owner policy, so CloudWatch needs its own
 * statement, for this alarm only; the topic key's policy lets CloudWatch use
 * the key (EscalationChannel).
 */
export function notifyOperations(alarm: Alarm, operationsTopic: ITopic, sid: string): void {
  alarm.addAlarmAction(new SnsAction(operationsTopic));
  operationsTopic.addToResourcePolicy(
    new PolicyStatement({
      sid,
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [operationsTopic.topicArn],
      conditions: {
        ArnEquals: { 'aws:SourceArn': alarm.alarmArn },
        StringEquals: { 'aws:SourceAccount': Stack.of(alarm).account },
      },
    }),
  );
}
