import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { notifyOperations } from './operations-alarm.ts';

/**
 * The `message` of the Powertools JSON log line that functions/handlers/api/file-complaint.ts
 * writes when a deadline needed a year the statutory calendar lacks
 * (test/infra checks the handler still logs exactly this).
 */
export const provisionalDeadlineMessage = 'deadline computed without the statutory calendar of a year: provisional';

export const provisionalDeadlinesMetric = { metricNamespace: 'Closeloop', metricName: 'ProvisionalDeadlines' } as const;

export interface ProvisionalDeadlinesAlarmProps {
  /** The FileComplaint function's log group. */
  logGroup: ILogGroup;
  /** Where the alarm goes: the operations topic. */
  operationsTopic: ITopic;
}

/**
 * A complaint filed with a deadline past the last year the statutory calendar
 * covers got a provisional deadline (weekends only, no public holidays). Each
 * such filing counts 1 in Closeloop/ProvisionalDeadlines; one in an hour sets
 * off the alarm, which notifies the operations topic: time to ship the next year's calendar.
 */
export class ProvisionalDeadlinesAlarm extends Construct {
  readonly metricFilter: MetricFilter;
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: ProvisionalDeadlinesAlarmProps) {
    super(scope, id);

    this.metricFilter = new MetricFilter(this, 'MetricFilter', {
      logGroup: props.logGroup,
      filterPattern: FilterPattern.stringValue('$.message', '=', provisionalDeadlineMessage),
      ...provisionalDeadlinesMetric,
      metricValue: '1',
      defaultValue: 0,
    });

    this.alarm = new Alarm(this, 'Alarm', {
      alarmDescription:
        'A complaint was filed with a provisional deadline: the statutory calendar lacks a year its deadline needs. Update the statutory calendar data to cover that year (README, "Deadlines").',
      metric: this.metricFilter.metric({ statistic: Stats.SUM, period: Duration.hours(1) }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    notifyOperations(this.alarm, props.operationsTopic, 'ProvisionalDeadlinesAlarmPublish');
  }
}
