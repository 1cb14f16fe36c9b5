import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { tableSchema } from '../functions/declarations/table-schema.ts';

/**
 * Item-level operations only. No Scan (the design forbids it in any request
 * path or job) and no TransactWriteItems (not used: single-item conditional
 * writes), so neither is granted.
 */
const readActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/**
 * The one table holding every complaint, its timeline, surveys and the case
 * library. Keys and indexes come from functions/declarations/table-schema.ts,
 * the same declaration the local bootstrap creates its table from.
 */
export class ComplaintStore extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const stringKey = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new Table(this, 'Table', {
      partitionKey: stringKey(tableSchema.partitionKey),
      sortKey: stringKey(tableSchema.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      // Expired idempotency keys are deleted by DynamoDB; readers already ignore them.
      timeToLiveAttribute: tableSchema.timeToLiveAttribute,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableSchema.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        ...('projectedAttributes' in index
          ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projectedAttributes] }
          : {}),
      });
    }
  }

  /** Reads on the table and on each declared index by name: no `index/*` wildcard. */
  grantRead(grantee: IGrantable): Grant {
    const indexArns = tableSchema.globalIndexes.map((index) => `${this.table.tableArn}/index/${index.name}`);
    return Grant.addToPrincipal({
      grantee,
      actions: readActions,
      resourceArns: [this.table.tableArn, ...indexArns],
    });
  }

  grantWrite(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({ grantee, actions: writeActions, resourceArns: [this.table.tableArn] });
  }
}
