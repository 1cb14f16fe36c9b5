import { Duration, Validations } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { scheduledTasks } from '../functions/declarations/workflow-tasks.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';

type ScheduledTaskDeclaration = (typeof scheduledTasks)[number];

export interface ScheduledTaskProps {
  fn: IFunction;
  /** Its declaration in functions/declarations/workflow-tasks.ts: the local runtime runs it on the same period. */
  task: Pick<ScheduledTaskDeclaration, 'functionName' | 'everyMinutes' | 'description' | 'failedRunsRemedy'>;
  /** Where the failed-runs alarm goes. */
  operationsTopic: ITopic;
}

/** Lambda's maximum for asynchronous invocations; EventBridge retries a failed delivery as often. */
const retryAttempts = 2;

/**
 * Runs a scheduled task (the survey sender, the start of missed workflows) on
 * a fixed period. A run is an asynchronous invocation, which can fail in two
 * places, and both end in the same dead-letter queue: EventBridge failing to
 * invoke the function (target DLQ), and the function failing its retries
 * (on-failure destination).
 */
export class ScheduledTask extends Construct {
  readonly rule: Rule;
  readonly failedRuns: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: ScheduledTaskProps) {
    super(scope, id);
    const { task } = props;

    this.failedRuns = new DeadLetterQueue(this, 'FailedRuns', {
      holds: `${task.functionName} runs that failed every retry`,
      deadLetterOf: `the ${task.functionName} rule's target and of its asynchronous invocations (its on-failure destination)`,
      remedy: task.failedRunsRemedy,
      operationsTopic: props.operationsTopic,
    });

    // A run older than the period is pointless: the next run picks up the same work.
    const maxEventAge = Duration.minutes(task.everyMinutes);
    props.fn.configureAsyncInvoke({
      retryAttempts,
      maxEventAge,
      onFailure: new SqsDestination(this.failedRuns.queue),
    });
    Validations.of(props.fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Asynchronous failures go to an on-failure destination (EventInvokeConfig) instead, the FailedRuns queue: its invocation records carry the event together with the request context (attempts made, whether retries or the event age ran out) and the error the function returned. A DeadLetterConfig as well would put a second copy of each failed run in the same queue.',
    });

    this.rule = new Rule(this, 'Rule', {
      description: `${task.description}, every ${task.everyMinutes} minutes`,
      schedule: Schedule.rate(Duration.minutes(task.everyMinutes)),
      targets: [
        new LambdaFunction(props.fn, {
          retryAttempts,
          maxEventAge,
          deadLetterQueue: this.failedRuns.queue,
        }),
      ],
    });
  }
}
