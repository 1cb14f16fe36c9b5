import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ComplaintStore } from './complaint-store.ts';
import { LinkSigningSecret } from './link-signing-secret.ts';

/**
 * What must outlive any deployment: the complaint table and the key that signs
 * the links customers already hold. Kept apart from the stateless stack so
 * functions, API and workflow can be replaced freely.
 * Termination protection: the stateless stack reads this stack's outputs by
 * weak reference (Fn::GetStackOutput), which would not stop a deletion.
 */
export class ClosedLoopStatefulStack extends Stack {
  readonly store: ComplaintStore;
  readonly linkSigning: LinkSigningSecret;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    this.store = new ComplaintStore(this, 'ComplaintStore');
    this.linkSigning = new LinkSigningSecret(this, 'LinkSigning');
    new CfnOutput(this, 'TableName', { value: this.store.table.tableName });
  }
}
