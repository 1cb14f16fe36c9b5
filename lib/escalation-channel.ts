import { SubscriptionFilter, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { EscalationSubscriber } from './deployment-settings.ts';

export interface EscalationChannelProps {
  /** Email subscribers of escalations; one with a `level` receives only that level. */
  escalationSubscribers: readonly EscalationSubscriber[];
  /** Email subscribers of operations alerts: workflow failures and the provisional-deadlines alarm. */
  operationsEmails: readonly string[];
}

/**
 * Where overdue complaints go: the escalation topic, published with the
 * message attributes `level`, `category`, `tier` and `reason` (String), so each
 * audience subscribes to its own level (1 supervisors, 2 department managers,
 * 3 directors); and the operations topic for complaints whose workflow failed
 * and for the provisional-deadlines alarm.
 */
export class EscalationChannel extends Construct {
  readonly escalationTopic: Topic;
  readonly operationsTopic: Topic;

  constructor(scope: Construct, id: string, props: EscalationChannelProps) {
    super(scope, id);

    this.escalationTopic = new Topic(this, 'Escalations', {
      displayName: 'Complaint escalations',
      enforceSSL: true,
    });
    this.operationsTopic = new Topic(this, 'Operations', {
      displayName: 'Complaint operations alerts',
      enforceSSL: true,
    });

    for (const subscriber of props.escalationSubscribers) {
      this.escalationTopic.addSubscription(
        new EmailSubscription(subscriber.email, {
          filterPolicy:
            subscriber.level === undefined
              ? undefined
              : { level: SubscriptionFilter.stringFilter({ allowlist: levelsFor(subscriber.level) }) },
        }),
      );
    }
    for (const email of props.operationsEmails) {
      this.operationsTopic.addSubscription(new EmailSubscription(email));
    }
  }
}

/** Supervisors (level 1) also get the high-risk alerts, published with `level=risk`. */
function levelsFor(level: number): string[] {
  return level === 1 ? ['1', 'risk'] : [String(level)];
}
