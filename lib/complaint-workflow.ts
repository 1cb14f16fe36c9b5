import { readFileSync } from 'node:fs';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { workflowDefinitionFile } from '../functions/declarations/workflow-tasks.ts';
import { notifyOperations } from './operations-alarm.ts';
import { projectFile } from './project-paths.ts';

export interface ComplaintWorkflowProps {
  /** One function per `${Substitution}` of the ASL file (functions/declarations/workflow-tasks.ts). */
  taskFunctions: Readonly<Record<string, IFunction>>;
  /** Encrypts the execution history log group. */
  logKey: IKey;
  /** Told when an execution stops outside the workflow's own catch-all. */
  operationsTopic: ITopic;
}

/**
 * One Standard execution per complaint, from statemachines/complaint.asl.json.
 * The definition is read as text (not uploaded as an asset) so the states stay
 * in the template, where assertions and cfn-lint can see them; each
 * `${XFunctionArn}` placeholder becomes a DefinitionSubstitution.
 */
export class ComplaintWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly stoppedExecutionsAlarm: Alarm;

  constructor(scope: Construct, id: string, props: ComplaintWorkflowProps) {
    super(scope, id);

    const logGroup = new LogGroup(this, 'Logs', {
      // The vendedlogs prefix keeps Step Functions from growing the account's
      // CloudWatch Logs resource policy with one entry per log group.
      logGroupName: `/aws/vendedlogs/states/${Stack.of(this).stackName}-complaint-workflow`,
      retention: RetentionDays.THREE_MONTHS,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const functions = Object.values(props.taskFunctions);
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(readFileSync(projectFile(workflowDefinitionFile), 'utf8')),
      definitionSubstitutions: Object.fromEntries(
        Object.entries(props.taskFunctions).map(([substitution, fn]) => [substitution, fn.functionArn]),
      ),
      // Payloads carry ids and plans only (customer data stays in the table), so full history is safe to log.
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });

    // The ASL invokes each function by its unqualified ARN: no `:*` for versions or aliases.
    this.stateMachine.addToRolePolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: functions.map((fn) => fn.functionArn) }),
    );

    // Every complaint's execution runs until the case closes. One that stops
    // otherwise left the catch-all (States.Runtime is not caught by States.ALL,
    // and a failing RecordFailure ends it): that case is no longer watched.
    this.stoppedExecutionsAlarm = new Alarm(this, 'StoppedExecutions', {
      alarmDescription:
        'A complaint workflow failed, timed out or was aborted outside its catch-all: the case has no deadline watch any more. Find it in the execution history and restart its execution (named after the complaint id).',
      metric: new MathExpression({
        expression: 'failed + timedOut + aborted',
        usingMetrics: {
          failed: this.stateMachine.metricFailed(),
          timedOut: this.stateMachine.metricTimedOut(),
          aborted: this.stateMachine.metricAborted(),
        },
        period: Duration.minutes(5),
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    notifyOperations(this.stoppedExecutionsAlarm, props.operationsTopic, 'StoppedExecutionsAlarmPublish');

    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Written by the StateMachine construct for its log and trace delivery: logs:CreateLogDelivery/GetLogDelivery/UpdateLogDelivery/DeleteLogDelivery/ListLogDeliveries/PutResourcePolicy/DescribeResourcePolicies/DescribeLogGroups and xray:PutTraceSegments/PutTelemetryRecords/GetSamplingRules/GetSamplingTargets support no resource-level permissions, so IAM requires Resource "*".',
    });
  }
}
