import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SubscriptionFilter, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { EscalationSubscriber } from './deployment-settings.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';

export interface EscalationChannelProps {
  /** Email subscribers of escalations; one with a `level` receives only that level. */
  escalationSubscribers: readonly EscalationSubscriber[];
  /** Email subscribers of operations alerts: workflow failures and the operations alarms. */
  operationsEmails: readonly string[];
}

/**
 * Where overdue complaints go: the escalation topic, published with the
 * message attributes `level`, `category`, `tier` and `reason` (String), so each
 * audience subscribes to its own level (1 supervisors, 2 department managers,
 * 3 directors); and the operations topic for complaints whose workflow failed
 * and for the operations alarms. Both topics are encrypted with a
 * customer-managed key; an email SNS could not deliver lands in a queue that
 * raises an operations alarm.
 */
export class EscalationChannel extends Construct {
  readonly escalationTopic: Topic;
  readonly operationsTopic: Topic;
  readonly topicKey: Key;
  readonly undeliverable: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: EscalationChannelProps) {
    super(scope, id);

    this.topicKey = new Key(this, 'TopicKey', {
      description: 'closeloop: encrypts the escalation and operations topics',
      enableKeyRotation: true,
      // Messages stay in SNS only until delivered, so nothing outlives the topics;
      // the waiting period still leaves 30 days to cancel a deletion made by mistake.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(30),
    });
    // An alarm action publishes as CloudWatch, which must encrypt the message
    // with the topic's key (the AWS managed key for SNS would refuse it). The
    // topic policy (notifyOperations) names each alarm that may publish.
    this.topicKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToEncryptedTopics',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.escalationTopic = new Topic(this, 'Escalations', {
      displayName: 'Complaint escalations',
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    this.operationsTopic = new Topic(this, 'Operations', {
      displayName: 'Complaint operations alerts',
      masterKey: this.topicKey,
      enforceSSL: true,
    });

    this.undeliverable = new DeadLetterQueue(this, 'Undeliverable', {
      holds: 'notifications SNS could not deliver to an email subscriber',
      deadLetterOf: 'every email subscription of the escalation and operations topics',
      remedy:
        'Check the subscriber addresses (context escalationEmails and operationsEmails) and read the messages to learn whom they missed.',
      operationsTopic: this.operationsTopic,
    });
    const deadLetterQueue = this.undeliverable.queue;
    for (const subscriber of props.escalationSubscribers) {
      this.escalationTopic.addSubscription(
        new EmailSubscription(subscriber.email, {
          deadLetterQueue,
          filterPolicy:
            subscriber.level === undefined
              ? undefined
              : { level: SubscriptionFilter.stringFilter({ allowlist: levelsFor(subscriber.level) }) },
        }),
      );
    }
    for (const email of props.operationsEmails) {
      this.operationsTopic.addSubscription(new EmailSubscription(email, { deadLetterQueue }));
    }
  }
}

/** Supervisors (level 1) also get the high-risk alerts, published with `level=risk`. */
function levelsFor(level: number): string[] {
  return level === 1 ? ['1', 'risk'] : [String(level)];
}
