import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface SurveyScheduleProps {
  surveySender: IFunction;
  /** scheduledTasks[].everyMinutes: the local runtime runs the sender on the same period. */
  everyMinutes: number;
}

/** Sends the satisfaction surveys that fell due (the sparse surveysDue index) on a fixed period. */
export class SurveySchedule extends Construct {
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: SurveyScheduleProps) {
    super(scope, id);
    this.rule = new Rule(this, 'Rule', {
      description: `Send due satisfaction surveys every ${props.everyMinutes} minutes`,
      schedule: Schedule.rate(Duration.minutes(props.everyMinutes)),
      targets: [
        // A run that still fails after two retries is picked up by the next one:
        // surveys stay due until sent.
        new LambdaFunction(props.surveySender, { retryAttempts: 2, maxEventAge: Duration.minutes(props.everyMinutes) }),
      ],
    });
  }
}
