import { readFileSync } from 'node:fs';
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { workflowDefinitionFile } from '../functions/declarations/workflow-tasks.ts';
import { projectFile } from './project-paths.ts';

export interface ComplaintWorkflowProps {
  /** One function per `${Substitution}` of the ASL file (functions/declarations/workflow-tasks.ts). */
  taskFunctions: Readonly<Record<string, IFunction>>;
}

/**
 * One Standard execution per complaint, from statemachines/complaint.asl.json.
 * The definition is read as text (not uploaded as an asset) so the states stay
 * in the template, where assertions and cfn-lint can see them; each
 * `${XFunctionArn}` placeholder becomes a DefinitionSubstitution.
 */
export class ComplaintWorkflow extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: ComplaintWorkflowProps) {
    super(scope, id);

    const logGroup = new LogGroup(this, 'Logs', {
      // The vendedlogs prefix keeps Step Functions from growing the account's
      // CloudWatch Logs resource policy with one entry per log group.
      logGroupName: `/aws/vendedlogs/states/${Stack.of(this).stackName}-complaint-workflow`,
      retention: RetentionDays.THREE_MONTHS,
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

    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Written by the StateMachine construct for its log and trace delivery: logs:CreateLogDelivery/GetLogDelivery/UpdateLogDelivery/DeleteLogDelivery/ListLogDeliveries/PutResourcePolicy/DescribeResourcePolicies/DescribeLogGroups and xray:PutTraceSegments/PutTelemetryRecords/GetSamplingRules/GetSamplingTargets support no resource-level permissions, so IAM requires Resource "*".',
    });
  }
}
