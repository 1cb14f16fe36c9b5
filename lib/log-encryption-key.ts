import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/**
 * The customer-managed key of every log group in the stack: function logs,
 * workflow execution history and API access logs all carry complaint ids.
 */
export class LogEncryptionKey extends Key {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      description: 'closeloop: encrypts the log groups of functions, workflow and API',
      enableKeyRotation: true,
      // The log groups it encrypts are destroyed with the stack; the waiting
      // period still leaves 30 days to cancel a deletion made by mistake.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(30),
    });

    const stack = Stack.of(this);
    // CloudWatch Logs encrypts and decrypts for readers and writers, so only
    // the service needs the key. The log groups cannot be named here: each
    // takes this key's ARN, so naming them back would be a dependency cycle;
    // the encryption context still limits the key to log groups of this
    // account and region.
    this.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchLogsOfThisAccountAndRegion',
        principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
  }
}
