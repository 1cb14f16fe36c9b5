import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ComplaintStore } from './complaint-store.ts';

/**
 * What must outlive any deployment: the complaint table. Kept apart from the
 * stateless stack so functions, API and workflow can be replaced freely.
 * Termination protection: the stateless stack reads this stack's outputs by
 * weak reference (Fn::GetStackOutput), which would not stop a deletion.
 */
export class ClosedLoopStatefulStack extends Stack {
  readonly store: ComplaintStore;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    this.store = new ComplaintStore(this, 'ComplaintStore');
    new CfnOutput(this, 'TableName', { value: this.store.table.tableName });
  }
}
