import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { scheduledTasks } from '../functions/declarations/workflow-tasks.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';

type ScheduledTaskDeclaration = (typeof scheduledTasks)[number];

export interface ScheduledTaskProps {
  fn: IFunction;
  /** Its declaration in functions/declarations/workflow-tasks.ts: the local runtime runs it on the same period. */
  task: ScheduledTaskDeclaration;
  /** A daily task runs at its hour in this IANA zone, the desk's. */
  deskTimeZone: string;
  /** Where the failed-runs alarm goes. */
  operationsTopic: ITopic;
}

/** Lambda's longest event age for asynchronous invocations: a daily run retried within its morning is still useful. */
const dailyMaxEventAge = Duration.hours(6);

/** Lambda's maximum for asynchronous invocations; EventBridge retries a failed delivery as often. */
const retryAttempts = 2;

/**
 * Runs a scheduled task: on a fixed period with an EventBridge rule (the
 * survey sender, the start of missed workflows), or daily at an hour of the
 * desk's time zone with EventBridge Scheduler, which knows time zones (the
 * monthly review). A run is an asynchronous invocation, which can fail in two
 * places, and both end in the same dead-letter queue: EventBridge failing to
 * invoke the function (target DLQ), and the function failing its retries
 * (on-failure destination).
 */
export class ScheduledTask extends Construct {
  /** A periodic task's rule. */
  readonly rule?: Rule;
  /** A daily task's schedule. */
  readonly schedule?: CfnSchedule;
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
    const maxEventAge = 'everyMinutes' in task ? Duration.minutes(task.everyMinutes) : dailyMaxEventAge;
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

    if ('dailyAtHour' in task) {
      this.schedule = this.dailySchedule(props, task.dailyAtHour, maxEventAge);
      return;
    }
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

  /**
   * The level-1 resource with a role of its own: the level-2 target's shared
   * role grants invoke on every version and alias of the function (`arn:*`);
   * the schedule invokes the function's unqualified ARN and nothing else.
   */
  private dailySchedule(props: ScheduledTaskProps, hour: number, maxEventAge: Duration): CfnSchedule {
    const role = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: `Lets EventBridge Scheduler run ${props.task.functionName} and dead-letter its failed deliveries`,
    });
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.fn.functionArn] }));
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.failedRuns.queue.queueArn] }));
    return new CfnSchedule(this, 'Schedule', {
      description: `${props.task.description}, daily at ${String(hour).padStart(2, '0')}:00 ${props.deskTimeZone}`,
      scheduleExpression: `cron(0 ${hour} * * ? *)`,
      scheduleExpressionTimezone: props.deskTimeZone,
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: props.fn.functionArn,
        roleArn: role.roleArn,
        retryPolicy: { maximumRetryAttempts: retryAttempts, maximumEventAgeInSeconds: maxEventAge.toSeconds() },
        deadLetterConfig: { arn: this.failedRuns.queue.queueArn },
      },
    });
  }
}
