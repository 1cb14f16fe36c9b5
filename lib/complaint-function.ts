import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Grant, type IGrantable, type IPrincipal, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { env } from '../functions/declarations/capabilities.ts';
import type { ComplaintStore } from './complaint-store.ts';
import { handlerEntry, lockFile, projectRoot } from './project-paths.ts';

export interface ComplaintFunctionProps {
  /** Handler module under functions/handlers/, without extension, e.g. `api/file-complaint`. */
  handler: string;
  deskTimeZone: string;
  /** Minified SLA policy JSON (SLA_POLICY); absent, the function uses the built-in default policy. */
  slaPolicy?: string;
  description?: string;
  /** Default 10 s: well under API Gateway's 29 s integration timeout. */
  timeout?: Duration;
  /** Encrypts the function's log group. */
  logKey: IKey;
}

/**
 * Every function's runtime. The local runtime, the tests and the CLI run on the
 * same major: package.json pins its Node binary (`node-<os>-<cpu>`), which npm
 * scripts find first on the PATH; test/infra/node-runtime.test.ts holds the two together.
 */
export const lambdaRuntime = Runtime.NODEJS_24_X;

/**
 * ESM bundles that pull CommonJS dependencies call `require`, which ESM does
 * not have; without this banner they fail at invoke with "Dynamic require of
 * 'util' is not supported".
 */
const requireBanner =
  "import { createRequire as topLevelCreateRequire } from 'node:module'; const require = topLevelCreateRequire(import.meta.url);";

/** cdk-nag reports every `Resource: *` of a role as one finding; each acknowledgement names the actions that need it. */
const wildcardFinding = 'AwsSolutions-IAM5[Resource::*]';

/**
 * One Lambda function of the product with the defaults fixed in one place:
 * the newest Node.js runtime, arm64, an ESM bundle with the AWS SDK inside,
 * active tracing, its own log group with retention, and a role holding only
 * what `bind*` calls add (no AWS managed policy).
 */
export class ComplaintFunction extends Construct implements IGrantable {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;
  readonly handlerModule: string;
  readonly grantPrincipal: IPrincipal;

  constructor(scope: Construct, id: string, props: ComplaintFunctionProps) {
    super(scope, id);
    this.handlerModule = props.handler;

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.THREE_MONTHS,
      encryptionKey: props.logKey,
      // The case timeline in the table is the record; logs are operational.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.handler}`,
    });
    this.grantPrincipal = this.role;
    // Instead of AWSLambdaBasicExecutionRole (logs:* on every log group): this log group only.
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Handler', {
      entry: handlerEntry(props.handler),
      handler: 'handler',
      description: props.description ?? props.handler,
      runtime: lambdaRuntime,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      projectRoot,
      depsLockFilePath: lockFile,
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        mainFields: ['module', 'main'],
        banner: requireBanner,
        bundleAwsSDK: true,
        minify: true,
        // Chinese lexicons and the triage model's vocabulary as UTF-8: esbuild's default escapes each character as \uXXXX, twice
        // the bytes. As an argument: this aws-cdk-lib accepts a `charset` prop but never passes it to esbuild.
        esbuildArgs: { '--charset': 'utf8' },
        sourceMap: true,
        sourcesContent: false,
      },
      environment: {
        POWERTOOLS_SERVICE_NAME: 'closeloop',
        NODE_OPTIONS: '--enable-source-maps',
        [env.deskTimeZone]: props.deskTimeZone,
        ...(props.slaPolicy === undefined ? {} : { [env.slaPolicy]: props.slaPolicy }),
      },
    });
    Validations.of(this.role).acknowledge({
      id: wildcardFinding,
      reason:
        'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so IAM requires Resource "*".',
    });
  }

  bindTable(store: ComplaintStore, access: { read: boolean; write: boolean }): void {
    if (access.read) store.grantRead(this);
    if (access.write) store.grantWrite(this);
    this.function.addEnvironment(env.tableName, store.table.tableName);
  }

  bindWorkflowStart(stateMachine: IStateMachine): void {
    stateMachine.grantStartExecution(this);
    this.function.addEnvironment(env.workflowArn, stateMachine.stateMachineArn);
  }

  /** Completes (or fails) a parked `.waitForTaskToken` step with the token stored on the complaint. */
  bindWaitCompletion(): void {
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'], resources: ['*'] }),
    );
    Validations.of(this.role).acknowledge({
      id: wildcardFinding,
      reason:
        'states:SendTaskSuccess and states:SendTaskFailure support no resource-level permissions (the Service Authorization Reference lists no resource type for them), so IAM requires Resource "*". A call only succeeds with a task token that our workflow issued and stored on the complaint.',
    });
  }

  bindEscalations(topic: ITopic): void {
    this.grantPublish(topic);
    this.function.addEnvironment(env.escalationTopicArn, topic.topicArn);
  }

  bindOperationsAlerts(topic: ITopic): void {
    this.grantPublish(topic);
    this.function.addEnvironment(env.operationsTopicArn, topic.topicArn);
  }

  /**
   * Reads the HMAC key that signs survey and confirmation links; never writes
   * or rotates it. `secret` is a reference without its key, so the key is
   * granted here the way Secret.grantRead grants it: kms:Decrypt, and only
   * through Secrets Manager.
   */
  bindLinkSigning(secret: ISecret, key: IKey): void {
    secret.grantRead(this);
    Grant.addToPrincipal({
      grantee: this,
      actions: ['kms:Decrypt'],
      resourceArns: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` } },
    });
    this.function.addEnvironment(env.linkSigningSecretArn, secret.secretArn);
  }

  bindMail(identity: IEmailIdentity, mailFrom: string): void {
    identity.grant(this, 'ses:SendEmail');
    this.function.addEnvironment(env.mailFrom, mailFrom);
  }

  /** Who receives the monthly review; none configured, the review is composed by nobody and the run only settles months. */
  bindReviewRecipients(recipients: readonly string[]): void {
    if (recipients.length > 0) this.function.addEnvironment(env.reportRecipients, recipients.join(','));
  }

  bindPublicBaseUrl(url: string): void {
    this.function.addEnvironment(env.publicBaseUrl, url);
  }

  /**
   * Topic.grantPublish would grant kms:GenerateDataKey* on the topic's key. A
   * publisher to an encrypted topic needs kms:GenerateDataKey and kms:Decrypt
   * only, so those are granted by name and no wildcard needs acknowledging.
   */
  private grantPublish(topic: ITopic): void {
    Grant.addToPrincipal({ grantee: this, actions: ['sns:Publish'], resourceArns: [topic.topicArn] });
    topic.masterKey?.grant(this, 'kms:GenerateDataKey', 'kms:Decrypt');
  }
}
