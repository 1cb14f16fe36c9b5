import { Duration, Validations } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.ts';

export interface SurveyScheduleProps {
  surveySender: IFunction;
  /** scheduledTasks[].everyMinutes: the local runtime runs the sender on the same period. */
  everyMinutes: number;
  /** Where the failed-runs alarm goes. */
  operationsTopic: ITopic;
}

/** Lambda's maximum for asynchronous invocations; EventBridge retries a failed delivery as often. */
const retryAttempts = 2;

/**
 * Sends the satisfaction surveys that fell due (the sparse surveysDue index) on
 * a fixed period. A run is an asynchronous invocation, which can fail in two
 * places, and both end in the same dead-letter queue: EventBridge failing to
 * invoke the function (target DLQ), and the function failing its retries
 * (on-failure destination).
 */
export class SurveySchedule extends Construct {
  readonly rule: Rule;
  readonly failedRuns: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: SurveyScheduleProps) {
    super(scope, id);

    this.failedRuns = new DeadLetterQueue(this, 'FailedRuns', {
      holds: 'survey runs that failed every retry',
      deadLetterOf:
        "the survey rule's target and of the survey sender's asynchronous invocations (its on-failure destination)",
      remedy:
        'Surveys stay due until sent, so the next run retries them; read the messages (the error is in the destination record) and the SendSurveys logs for the cause.',
      operationsTopic: props.operationsTopic,
    });

    // A run older than the period is pointless: the next run picks up the same due surveys.
    const maxEventAge = Duration.minutes(props.everyMinutes);
    props.surveySender.configureAsyncInvoke({
      retryAttempts,
      maxEventAge,
      onFailure: new SqsDestination(this.failedRuns.queue),
    });
    Validations.of(props.surveySender).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Asynchronous failures go to an on-failure destination (EventInvokeConfig) instead, the FailedRuns queue: its invocation records carry the event together with the request context (attempts made, whether retries or the event age ran out) and the error the function returned. A DeadLetterConfig as well would put a second copy of each failed run in the same queue.',
    });

    this.rule = new Rule(this, 'Rule', {
      description: `Send due satisfaction surveys every ${props.everyMinutes} minutes`,
      schedule: Schedule.rate(Duration.minutes(props.everyMinutes)),
      targets: [
        new LambdaFunction(props.surveySender, {
          retryAttempts,
          maxEventAge,
          deadLetterQueue: this.failedRuns.queue,
        }),
      ],
    });
  }
}
