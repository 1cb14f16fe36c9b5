import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { notifyOperations } from './operations-alarm.ts';

export interface DeadLetterQueueProps {
  /** What lands here, for the alarm description and the acknowledgements: "survey runs that failed ...". */
  holds: string;
  /** Who sends to it, as a RedrivePolicy, DeadLetterConfig or destination would say. */
  deadLetterOf: string;
  /** What operations should do when the alarm fires. */
  remedy: string;
  operationsTopic: ITopic;
}

/**
 * Where work that failed every retry waits for a person, kept the longest SQS
 * allows, with an alarm to the operations topic on the first message.
 * SQS-managed encryption: EventBridge, SNS and Lambda can all send to it
 * without a grant on a key.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue;
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);

    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // What is left in it is only a copy of a failure to look into.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.alarm = new Alarm(this, 'Alarm', {
      alarmDescription: `${capitalized(props.holds)} are waiting in a dead-letter queue. ${props.remedy}`,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({
        statistic: Stats.MAXIMUM,
        period: Duration.minutes(5),
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    // The parent's id too: every scheduled task has its own FailedRuns queue, and one topic policy holds all their statements.
    notifyOperations(this.alarm, props.operationsTopic, `${scope.node.id}${id}AlarmPublish`.replace(/[^A-Za-z0-9]/g, ''));

    const isTheDeadLetterQueue = `This queue is itself the dead-letter queue of ${props.deadLetterOf}: a dead-letter queue of its own would only move the same ${props.holds} one hop further; they stay 14 days and the first one sets off an operations alarm.`;
    Validations.of(this.queue).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: isTheDeadLetterQueue },
      { id: 'Serverless-SQSRedrivePolicy', reason: isTheDeadLetterQueue },
    );
  }
}

const capitalized = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;
